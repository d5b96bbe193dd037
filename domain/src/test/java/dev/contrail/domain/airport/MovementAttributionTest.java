package dev.contrail.domain.airport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.domain.airport.Attribution.Attributed;
import dev.contrail.domain.airport.Attribution.NotAttributed;
import dev.contrail.domain.airport.Attribution.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fixes from the bundled Dulles capture's take-offs and landings (SOURCES.md), and made-up neighbours. */
class MovementAttributionTest {

    private static final List<AirportDetails> AROUND_DULLES = List.of(Airports.KIAD, Airports.KDCA);

    @Test
    void ual1744TakingOffWestboundLeavesFromRunway30() {
        var fix = new AircraftFix(38.9348, -77.46, 91.44, 60.96, 36.31, 290.75);
        assertThat(MovementAttribution.attribute(fix, AROUND_DULLES))
                .isInstanceOfSatisfying(Attributed.class, a -> {
                    assertThat(a.airportIdent()).isEqualTo("KIAD");
                    assertThat(a.runway()).isEqualTo("30");
                    assertThat(a.distanceM()).isLessThan(RUNWAY_HALF_CORRIDOR);
                });
    }

    private static final double RUNWAY_HALF_CORRIDOR = MovementAttribution.RUNWAY_HALF_CORRIDOR_M;

    @Test
    void aNorthboundLandingOnTheCentreRunwayIs01C() {
        var fix = new AircraftFix(38.95, -77.4596, null, null, 60.0, 1.5);
        assertThat(MovementAttribution.attribute(fix, AROUND_DULLES)).isEqualTo(attributedTo("KIAD", "01C", fix));
    }

    @Test
    void aSouthboundOneOnTheEasternRunwayIs19L() {
        var fix = new AircraftFix(38.94, -77.4362, 120.0, null, 70.0, 181.0);
        assertThat(MovementAttribution.attribute(fix, AROUND_DULLES)).isEqualTo(attributedTo("KIAD", "19L", fix));
    }

    @Test
    void aSlowAircraftOnARunwayIsAtTheAirportButOnNoRunway() {
        var fix = new AircraftFix(38.9398, -77.4727, null, null, 8.23, 320.62);
        assertThat(MovementAttribution.attribute(fix, AROUND_DULLES)).isInstanceOfSatisfying(Attributed.class, a -> {
            assertThat(a.airportIdent()).isEqualTo("KIAD");
            assertThat(a.runway()).isNull();
            assertThat(a.runwayNote()).contains("too slow");
        });
    }

    @Test
    void aTrackAcrossEveryRunwayNamesNone() {
        var fix = new AircraftFix(38.9348, -77.46, 100.0, null, 50.0, 240.0);
        assertThat(MovementAttribution.attribute(fix, AROUND_DULLES)).isInstanceOfSatisfying(Attributed.class, a -> {
            assertThat(a.runway()).isNull();
            assertThat(a.runwayNote()).contains("matches no runway");
        });
    }

    @Test
    void tooFarFromAnyAirportIsNotAttributed() {
        var fix = new AircraftFix(39.2, -77.9, 300.0, null, 60.0, 90.0);
        assertThat(MovementAttribution.attribute(fix, AROUND_DULLES))
                .isInstanceOfSatisfying(NotAttributed.class, n -> assertThat(n.reason()).isEqualTo(Reason.NO_AIRPORT_NEARBY));
    }

    @Test
    void tooHighAboveTheFieldIsNotAttributed() {
        var fix = new AircraftFix(38.9348, -77.46, 95.1 + 700, null, 120.0, 290.0);
        assertThat(MovementAttribution.attribute(fix, AROUND_DULLES))
                .isInstanceOfSatisfying(NotAttributed.class, n -> assertThat(n.reason()).isEqualTo(Reason.TOO_HIGH));
    }

    @Test
    void twoFieldsAboutAsNearWithoutARunwayUnderTheAircraftAreAmbiguous() {
        var west = Airports.small("WEST", AirportType.SMALL_AIRPORT, 38.50, -78.005);
        var east = Airports.small("EAST", AirportType.SMALL_AIRPORT, 38.50, -77.995);
        var fix = new AircraftFix(38.50, -78.0, 200.0, null, 40.0, 0.0);
        assertThat(MovementAttribution.attribute(fix, List.of(west, east)))
                .isInstanceOfSatisfying(NotAttributed.class, n -> assertThat(n.reason()).isEqualTo(Reason.AMBIGUOUS));
    }

    @Test
    void aRunwayUnderTheAircraftWinsOverANearerHeliport() {
        var heliport = Airports.small("HELI", AirportType.HELIPORT, 38.9350, -77.4605);
        var fix = new AircraftFix(38.9348, -77.46, 91.44, null, 36.31, 290.75);
        assertThat(MovementAttribution.attribute(fix, List.of(heliport, Airports.KIAD)))
                .isInstanceOfSatisfying(Attributed.class, a -> assertThat(a.airportIdent()).isEqualTo("KIAD"));
    }

    @Test
    void closedAirportsAreNoCandidates() {
        var closed = Airports.small("SHUT", AirportType.CLOSED, 38.5, -78.0);
        var fix = new AircraftFix(38.5, -78.0, 100.0, null, 40.0, 0.0);
        assertThat(MovementAttribution.attribute(fix, List.of(closed)))
                .isInstanceOfSatisfying(NotAttributed.class, n -> assertThat(n.reason()).isEqualTo(Reason.NO_AIRPORT_NEARBY));
    }

    @Test
    void headingsWrapAroundNorth() {
        assertThat(MovementAttribution.angleBetween(359, 1)).isEqualTo(2);
        assertThat(MovementAttribution.angleBetween(1, 181)).isEqualTo(180);
    }

    private static Attributed attributedTo(String airport, String runway, AircraftFix fix) {
        var result = (Attributed) MovementAttribution.attribute(fix, AROUND_DULLES);
        assertThat(result.airportIdent()).isEqualTo(airport);
        assertThat(result.runway()).isEqualTo(runway);
        return result;
    }
}
