package dev.contrail.api.flighttracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.contrail.api.support.Aircraft;
import dev.contrail.api.support.ContrailIntegrationTest;
import dev.contrail.domain.flighttracking.Icao24;
import dev.contrail.domain.flighttracking.Observation;
import dev.contrail.domain.flighttracking.Position;
import dev.contrail.domain.flighttracking.RecordObservation;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A long-lived aircraft is snapshotted in PostgreSQL, and loads from its snapshot with its rules intact. */
class AircraftSnapshotIT extends ContrailIntegrationTest {

    private static final Position OVER_DULLES = new Position(38.8778, -77.3974, 7010.4, 6659.88);

    @Autowired
    private CommandGateway commands;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void anAircraftWithAHundredEventsIsSnapshottedAndStillAppliesItsRules() {
        String icao24 = Aircraft.uniqueIcao24();
        Instant t0 = Instant.now().minusSeconds(3_600);
        // Every observation changes the squawk, so each one is an event: 150 events in all.
        for (int i = 0; i < 150; i++) {
            commands.sendAndWait(record(icao24, t0.plusSeconds(i), String.format("%04o", 1000 + i)));
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                jdbc.queryForObject("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = 'aircraft:' || ?", Long.class, icao24))
                .isPositive());
        long before = events(icao24);

        // Loaded from the snapshot: a repeat of the last observation is still recognised and changes nothing...
        commands.sendAndWait(record(icao24, t0.plusSeconds(149), String.format("%04o", 1000 + 149)));
        assertThat(events(icao24)).isEqualTo(before);
        // ...and a real change is still recorded, with the next sequence number.
        commands.sendAndWait(record(icao24, t0.plusSeconds(150), "7700"));
        assertThat(events(icao24)).isEqualTo(before + 2); // SquawkChanged, EmergencyDeclared
    }

    private long events(String icao24) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = 'aircraft:' || ?", Long.class, icao24);
    }

    private static RecordObservation record(String icao24, Instant at, String squawk) {
        return new RecordObservation(new Observation(Icao24.of(icao24), at, "NKS2003", "United States", OVER_DULLES, false,
                187.84, 208.46, 0.0, squawk));
    }
}
