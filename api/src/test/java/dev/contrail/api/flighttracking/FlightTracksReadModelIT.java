package dev.contrail.api.flighttracking;

import static dev.contrail.api.flighttracking.LiveFlightsRecords.observation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.projections.ProjectionRegistry;
import dev.contrail.api.support.Aircraft;
import dev.contrail.api.support.ContrailIntegrationTest;
import dev.contrail.readmodels.flighttracking.FlightTracksProjection;
import dev.contrail.readmodels.flighttracking.TrackPointJdbcWriter;
import dev.contrail.readmodels.flighttracking.TrackPointWriter;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The flight-tracks read model on a real PostgreSQL: the projection's real topology and SQL, fed record by record
 * (TopologyTestDriver, so that the test decides exactly what is delivered when), then read back through GraphQL.
 */
class FlightTracksReadModelIT extends ContrailIntegrationTest {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));

    @Autowired
    private ProjectionRegistry projections;
    private TrackPointWriter writer;
    @Autowired
    private NamedParameterJdbcTemplate jdbc;
    @TempDir
    Path stateDir;

    private GraphQlTester graphQl;

    @BeforeEach
    void client() {
        writer = new TrackPointJdbcWriter(projections.serving(FlightTracksProjection.NAME).jdbc());
        graphQl = HttpGraphQlTester.create(WebTestClient.bindToServer().baseUrl(graphQlHttpUrl()).responseTimeout(Duration.ofSeconds(10)).build());
    }

    @Test
    void aRedeliveryOfEveryObservationInAnyOrderLeavesTheTableAsItWasRowForRow() {
        String one = Aircraft.uniqueIcao24();
        String other = Aircraft.uniqueIcao24();
        List<SpecificRecord> observations = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            observations.add(observation(one, T0.plusSeconds(5L * i)).setLatitude(38.0 + i * 0.01).setVerticalRateMps(i * 0.5).build());
            var otherObservation = observation(other, T0.plusSeconds(5L * i + 2)).setOnGround(i > 20);
            if (i % 4 == 0) {
                otherObservation.setLatitude(null).setLongitude(null).setPositionAt(null);
            }
            observations.add(otherObservation.build());
        }

        try (var projection = new LiveFlightsRecords.Topology(stateDir, builder -> FlightTracksProjection.addTo(builder, writer))) {
            observations.forEach(projection::send);
            List<Map<String, Object>> applied = rows(List.of(one, other));
            assertThat(applied).as("points with a position").hasSize(30 + 22);

            observations.forEach(projection::send);
            assertThat(rows(List.of(one, other))).as("redelivered in order").isEqualTo(applied);

            List<SpecificRecord> reversed = new ArrayList<>(observations);
            Collections.reverse(reversed);
            reversed.forEach(projection::send);
            assertThat(rows(List.of(one, other))).as("redelivered in reverse").isEqualTo(applied);

            List<SpecificRecord> shuffled = new ArrayList<>(observations);
            Collections.shuffle(shuffled, new Random(20261126L));
            shuffled.forEach(projection::send);
            assertThat(rows(List.of(one, other))).as("redelivered shuffled").isEqualTo(applied);
        }
    }

    @Test
    void servesThePointsOfTheWindowOldestFirstFromIncludedToExcluded() {
        String icao24 = Aircraft.uniqueIcao24();
        List<AircraftObservation> observations = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            observations.add(observation(icao24, T0.plusSeconds(10L * i)).setLatitude(38.0 + i * 0.01).setVerticalRateMps(-1.0 * i).build());
        }
        write(observations);

        var track = graphQl.documentName("flightTrack")
                .variables(Map.of("icao24", icao24.toUpperCase(), "from", T0.plusSeconds(20).toString(), "to", T0.plusSeconds(60).toString()))
                .execute();

        track.path("flightTrack.icao24").entity(String.class).isEqualTo(icao24)
                .path("flightTrack.truncated").entity(Boolean.class).isEqualTo(false)
                .path("flightTrack.points[*].observedAt").entityList(String.class).containsExactly(
                        T0.plusSeconds(20).toString(), T0.plusSeconds(30).toString(), T0.plusSeconds(40).toString(), T0.plusSeconds(50).toString())
                .path("flightTrack.points[0].latitude").entity(Double.class).isEqualTo(38.02)
                .path("flightTrack.points[0].longitude").entity(Double.class).isEqualTo(-77.3974)
                .path("flightTrack.points[0].barometricAltitudeM").entity(Double.class).isEqualTo(7010.4)
                .path("flightTrack.points[0].geometricAltitudeM").entity(Double.class).isEqualTo(6659.88)
                .path("flightTrack.points[0].onGround").entity(Boolean.class).isEqualTo(false)
                .path("flightTrack.points[0].groundSpeedMps").entity(Double.class).isEqualTo(187.84)
                .path("flightTrack.points[0].trackDeg").entity(Double.class).isEqualTo(208.46)
                .path("flightTrack.points[0].verticalRateMps").entity(Double.class).isEqualTo(-2.0);
    }

    @Test
    void returnsTheEarliestPointsAndSaysSoWhenTheWindowHoldsMoreThanAskedFor() {
        String icao24 = Aircraft.uniqueIcao24();
        List<AircraftObservation> observations = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            observations.add(observation(icao24, T0.plusSeconds(10L * i)).build());
        }
        write(observations);

        graphQl.documentName("flightTrack")
                .variables(Map.of("icao24", icao24, "from", T0.toString(), "to", T0.plusSeconds(3600).toString(), "maxPoints", 3))
                .execute()
                .path("flightTrack.truncated").entity(Boolean.class).isEqualTo(true)
                .path("flightTrack.points[*].observedAt").entityList(String.class)
                .containsExactly(T0.toString(), T0.plusSeconds(10).toString(), T0.plusSeconds(20).toString());

        graphQl.documentName("flightTrack")
                .variables(Map.of("icao24", icao24, "from", T0.toString(), "to", T0.plusSeconds(3600).toString(), "maxPoints", 10))
                .execute()
                .path("flightTrack.truncated").entity(Boolean.class).isEqualTo(false)
                .path("flightTrack.points").entityList(Object.class).hasSize(10);
    }

    @Test
    void servesAnEmptyTrackForAnAircraftNotHeardFromInTheWindow() {
        graphQl.documentName("flightTrack")
                .variables(Map.of("icao24", Aircraft.uniqueIcao24(), "from", T0.toString(), "to", T0.plusSeconds(60).toString()))
                .execute()
                .path("flightTrack.truncated").entity(Boolean.class).isEqualTo(false)
                .path("flightTrack.from").entity(String.class).isEqualTo(T0.toString())
                .path("flightTrack.points").entityList(Object.class).hasSize(0);
    }

    private void write(List<AircraftObservation> observations) {
        try (var projection = new LiveFlightsRecords.Topology(stateDir, builder -> FlightTracksProjection.addTo(builder, writer))) {
            observations.forEach(projection::send);
        }
    }

    private List<Map<String, Object>> rows(List<String> icao24s) {
        return jdbc.queryForList("SELECT * FROM track_point WHERE icao24 IN (:icao24s) ORDER BY icao24, observed_at", Map.of("icao24s", icao24s));
    }
}
