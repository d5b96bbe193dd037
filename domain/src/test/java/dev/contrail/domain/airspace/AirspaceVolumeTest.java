package dev.contrail.domain.airspace;

import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every rule of the AirspaceVolume aggregate, given/when/then, on an approach sector around Dulles. */
class AirspaceVolumeTest {

    static final String SECTOR = "IAD-APP";
    /** The sector in its source, "test" (ADR 0021). */
    static final String VOLUME = AirspaceVolume.idOf("test", "IAD-APP");
    static final Instant T0 = Instant.ofEpochSecond(1_678_803_647);
    static final Boundary AROUND_DULLES = Boundary.of(new BoundaryPolygon(new Ring(List.of(
            new GeoPoint(38.85, -77.60), new GeoPoint(38.85, -77.30), new GeoPoint(39.05, -77.30), new GeoPoint(39.05, -77.60),
            new GeoPoint(38.85, -77.60))), List.of()));
    static final AirspaceDefinition APPROACH = new AirspaceDefinition("Dulles approach", "test", AROUND_DULLES,
            new VerticalLimits(0.0, 3000.0), 2);
    static final AircraftPosition OVER_DULLES = new AircraftPosition(38.95, -77.45, 1500.0);

    private AggregateTestFixture<AirspaceVolume> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AirspaceVolume.class);
    }

    static AirspaceDefined defined() {
        return new AirspaceDefined(SECTOR, APPROACH, T0);
    }

    static AircraftEnteredAirspace entered(String icao24, int occupants) {
        return new AircraftEnteredAirspace(SECTOR, icao24, icao24 + "-1", T0, OVER_DULLES, occupants);
    }

    static RecordEntry entry(String icao24) {
        return new RecordEntry(VOLUME, icao24, icao24 + "-1", T0, OVER_DULLES);
    }

    /** ADR 0021: a volume is its id within its source. */
    @Nested
    class Identity {

        @Test
        void aDefinitionAddressesTheVolumeOfItsIdInItsSource() {
            AirspaceDefinition elsewhere = new AirspaceDefinition("Dulles approach", "approaches.geojson", AROUND_DULLES,
                    new VerticalLimits(0.0, 3000.0), 2);
            org.assertj.core.api.Assertions.assertThat(new DefineAirspace(SECTOR, APPROACH, T0).volumeId()).isEqualTo("test/IAD-APP");
            org.assertj.core.api.Assertions.assertThat(new DefineAirspace(SECTOR, elsewhere, T0).volumeId())
                    .isEqualTo("approaches.geojson/IAD-APP");
            org.assertj.core.api.Assertions.assertThat(AirspaceVolume.sourceOf("approaches.geojson/IAD-APP")).isEqualTo("approaches.geojson");
            org.assertj.core.api.Assertions.assertThat(AirspaceVolume.airspaceIdOf("approaches.geojson/IAD-APP")).isEqualTo(SECTOR);
        }

        @Test
        void aVolumeThatAnotherSourceRedefinedBeforeIsTheFirstSourcesAndItsSourceDefinesItBack() {
            // Before ADR 0021 a second source's definition changed the volume; the stream stays the first source's.
            AirspaceDefinition elsewhere = new AirspaceDefinition("Dulles approach", "approaches.geojson", AROUND_DULLES,
                    new VerticalLimits(0.0, 5000.0), 2);
            fixture.given(defined(), new AirspaceChanged(SECTOR, elsewhere, T0.plusSeconds(1)))
                    .when(new DefineAirspace(SECTOR, APPROACH, T0.plusSeconds(60)))
                    .expectEvents(new AirspaceChanged(SECTOR, APPROACH, T0.plusSeconds(60)));
        }
    }

    @Nested
    class Definitions {

        @Test
        void anUnknownAirspaceIsDefined() {
            fixture.givenNoPriorActivity()
                    .when(new DefineAirspace(SECTOR, APPROACH, T0))
                    .expectEvents(defined());
        }

        @Test
        void theSameDefinitionAgainChangesNothing() {
            fixture.given(defined())
                    .when(new DefineAirspace(SECTOR, APPROACH, T0.plusSeconds(60)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aDifferentCeilingIsAChange() {
            var higher = new AirspaceDefinition("Dulles approach", "test", AROUND_DULLES, new VerticalLimits(0.0, 4000.0), 2);
            fixture.given(defined())
                    .when(new DefineAirspace(SECTOR, higher, T0.plusSeconds(60)))
                    .expectEvents(new AirspaceChanged(SECTOR, higher, T0.plusSeconds(60)));
        }

        @Test
        void aRetiredAirspaceDefinedAgainIsDefinedAnew() {
            fixture.given(defined(), new AirspaceRetired(SECTOR, T0.plusSeconds(10)))
                    .when(new DefineAirspace(SECTOR, APPROACH, T0.plusSeconds(60)))
                    .expectEvents(new AirspaceDefined(SECTOR, APPROACH, T0.plusSeconds(60)));
        }

        @Test
        void retiringAnAirspaceLetsTheAircraftInsideLeaveFirst() {
            fixture.given(defined(), entered("a445ee", 1))
                    .when(new RetireAirspace(VOLUME, T0.plusSeconds(60)))
                    .expectEvents(new AircraftExitedAirspace(SECTOR, "a445ee", "a445ee-1", T0.plusSeconds(60), null,
                                    ExitReason.AIRSPACE_RETIRED, 0),
                            new AirspaceRetired(SECTOR, T0.plusSeconds(60)));
        }

        @Test
        void retiringTwiceRetiresOnce() {
            fixture.given(defined(), new AirspaceRetired(SECTOR, T0))
                    .when(new RetireAirspace(VOLUME, T0.plusSeconds(60)))
                    .expectNoEvents();
        }
    }

    @Nested
    class EntriesAndExits {

        @Test
        void anAircraftOutsideEnters() {
            fixture.given(defined())
                    .when(entry("a445ee"))
                    .expectEvents(entered("a445ee", 1));
        }

        @Test
        void anEntryReportedTwiceIsRecordedOnce() {
            fixture.given(defined(), entered("a445ee", 1))
                    .when(entry("a445ee"))
                    .expectNoEvents();
        }

        @Test
        void anAircraftInsideLeavesWithItsFlight() {
            fixture.given(defined(), entered("a445ee", 1))
                    .when(new RecordExit(VOLUME, "a445ee", "ignored", T0.plusSeconds(30), OVER_DULLES, ExitReason.LEFT))
                    .expectEvents(new AircraftExitedAirspace(SECTOR, "a445ee", "a445ee-1", T0.plusSeconds(30), OVER_DULLES,
                            ExitReason.LEFT, 0));
        }

        @Test
        void anAircraftThatIsNotInsideCannotLeave() {
            fixture.given(defined())
                    .when(new RecordExit(VOLUME, "a445ee", "a445ee-1", T0, OVER_DULLES, ExitReason.FLIGHT_LOST))
                    .expectNoEvents();
        }

        @Test
        void aRetiredAirspaceTakesNoEntries() {
            fixture.given(defined(), new AirspaceRetired(SECTOR, T0))
                    .when(entry("a445ee"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Capacity {

        @Test
        void goingOverCapacityRaisesAnAlertOnce() {
            fixture.given(defined(), entered("a1", 1), entered("a2", 2))
                    .when(entry("a3"))
                    .expectEvents(entered("a3", 3), new CapacityExceeded(SECTOR, T0, 3, 2));
        }

        @Test
        void stayingOverCapacityRaisesNothingMore() {
            fixture.given(defined(), entered("a1", 1), entered("a2", 2), entered("a3", 3), new CapacityExceeded(SECTOR, T0, 3, 2))
                    .when(entry("a4"))
                    .expectEvents(entered("a4", 4));
        }

        @Test
        void comingBackWithinCapacityRestoresIt() {
            fixture.given(defined(), entered("a1", 1), entered("a2", 2), entered("a3", 3), new CapacityExceeded(SECTOR, T0, 3, 2))
                    .when(new RecordExit(VOLUME, "a2", "a2-1", T0.plusSeconds(30), OVER_DULLES, ExitReason.LEFT))
                    .expectEvents(new AircraftExitedAirspace(SECTOR, "a2", "a2-1", T0.plusSeconds(30), OVER_DULLES, ExitReason.LEFT, 2),
                            new CapacityRestored(SECTOR, T0.plusSeconds(30), 2, 2));
        }

        @Test
        void aLowerCapacityCanPutTheAirspaceOverIt() {
            var smaller = new AirspaceDefinition("Dulles approach", "test", AROUND_DULLES, new VerticalLimits(0.0, 3000.0), 1);
            fixture.given(defined(), entered("a1", 1), entered("a2", 2))
                    .when(new DefineAirspace(SECTOR, smaller, T0.plusSeconds(60)))
                    .expectEvents(new AirspaceChanged(SECTOR, smaller, T0.plusSeconds(60)),
                            new CapacityExceeded(SECTOR, T0.plusSeconds(60), 2, 1));
        }

        @Test
        void retiringAnAirspaceOverCapacityRestoresIt() {
            var none = new AirspaceDefinition("Dulles approach", "test", AROUND_DULLES, new VerticalLimits(0.0, 3000.0), 0);
            fixture.given(new AirspaceDefined(SECTOR, none, T0), entered("a1", 1), new CapacityExceeded(SECTOR, T0, 1, 0))
                    .when(new RetireAirspace(VOLUME, T0.plusSeconds(60)))
                    .expectEvents(new AircraftExitedAirspace(SECTOR, "a1", "a1-1", T0.plusSeconds(60), null, ExitReason.AIRSPACE_RETIRED, 0),
                            new CapacityRestored(SECTOR, T0.plusSeconds(60), 0, 0),
                            new AirspaceRetired(SECTOR, T0.plusSeconds(60)));
        }
    }
}
