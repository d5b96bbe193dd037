package dev.contrail.benchmarks.endtoend;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far Axon's tracking event processors (among them the one that publishes events from the event store to Kafka)
 * are behind the event store: not Kafka consumer groups, so the AdminClient cannot see them, but a step of the path
 * from the raw topic to the read models all the same. Read from Axon's tables in Contrail's database: the highest
 * {@code global_index} against each processor's token ({@code {"index": n, ...}} or {@code {"globalIndex": n}},
 * JSON, ADR 0003).
 */
final class AxonEventProcessors implements LagMonitor.PositionSource, AutoCloseable {

    private static final Pattern INDEX = Pattern.compile("\"(?:index|globalIndex)\"\\s*:\\s*(-?\\d+)");

    private final String jdbcUrl;
    private final String user;
    private Connection connection;

    AxonEventProcessors(String jdbcUrl, String user) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
    }

    @Override
    public Map<String, LagMonitor.Position> positions() {
        Map<String, LagMonitor.Position> positions = new HashMap<>();
        try {
            if (connection == null || connection.isClosed()) {
                var properties = new Properties();
                properties.setProperty("user", user);
                connection = DriverManager.getConnection(jdbcUrl, properties);
            }
            try (Statement statement = connection.createStatement()) {
                long head;
                try (ResultSet rs = statement.executeQuery("SELECT coalesce(max(global_index), 0) FROM domain_event_entry")) {
                    rs.next();
                    head = rs.getLong(1);
                }
                Map<String, Long> lowest = new HashMap<>();
                try (ResultSet rs = statement.executeQuery("SELECT processor_name, convert_from(token, 'UTF8') FROM token_entry WHERE token IS NOT NULL")) {
                    while (rs.next()) {
                        Matcher matcher = INDEX.matcher(rs.getString(2));
                        if (matcher.find()) {
                            // The slowest segment decides what has been processed.
                            lowest.merge(rs.getString(1), Long.parseLong(matcher.group(1)), Math::min);
                        }
                    }
                }
                // global_index starts at 1 and a token names the last index processed.
                lowest.forEach((processor, index) -> positions.put("axon:" + processor, new LagMonitor.Position(head, Math.min(head, index))));
            }
        } catch (SQLException e) {
            // No tables yet, or the database is going away: no positions this time.
        }
        return positions;
    }

    @Override
    public void close() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }
}
