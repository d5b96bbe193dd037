package dev.contrail.projections;

import dev.contrail.projections.Generation.State;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** The registry table {@code projection_generation} (Flyway {@code V3_1}): which generation of a projection is what. */
class GenerationStore {

    private static final String COLUMNS = "projection, generation, version, state, schema_name, application_id, started_at, "
            + "serving_since, ended_at, reason";

    private final JdbcTemplate jdbc;

    GenerationStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Generation> inState(String projection, State state) {
        return jdbc.query("SELECT " + COLUMNS + " FROM projection_generation WHERE projection = ? AND state = ?",
                GenerationStore::generation, projection, state.name()).stream().findFirst();
    }

    List<Generation> history(String projection) {
        return jdbc.query("SELECT " + COLUMNS + " FROM projection_generation WHERE projection = ? ORDER BY generation",
                GenerationStore::generation, projection);
    }

    int nextNumber(String projection) {
        Integer last = jdbc.queryForObject("SELECT max(generation) FROM projection_generation WHERE projection = ?",
                Integer.class, projection);
        return last == null ? 1 : last + 1;
    }

    void insert(Generation generation) {
        jdbc.update("INSERT INTO projection_generation (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                generation.projection(), generation.number(), generation.version(), generation.state().name(),
                generation.schema(), generation.applicationId(), timestamp(generation.startedAt()),
                timestamp(generation.servingSince()), timestamp(generation.endedAt()), generation.reason());
    }

    /** Ends a generation that has not ended yet; false if it had (a cancel racing a failure, say). */
    boolean end(String projection, int number, State state, String reason) {
        return jdbc.update("""
                UPDATE projection_generation SET state = ?, ended_at = now(), reason = ?
                WHERE projection = ? AND generation = ? AND state IN ('SERVING', 'REBUILDING')
                """, state.name(), reason, projection, number) == 1;
    }

    void serve(String projection, int number) {
        jdbc.update("UPDATE projection_generation SET state = 'SERVING', serving_since = now() WHERE projection = ? AND generation = ?",
                projection, number);
    }

    private static Generation generation(ResultSet row, int rowNumber) throws SQLException {
        String reason = row.getString("reason");
        return new Generation(row.getString("projection"), row.getInt("generation"), row.getInt("version"),
                State.valueOf(row.getString("state")), row.getString("schema_name"), row.getString("application_id"),
                instant(row.getTimestamp("started_at")), instant(row.getTimestamp("serving_since")),
                instant(row.getTimestamp("ended_at")), reason);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
