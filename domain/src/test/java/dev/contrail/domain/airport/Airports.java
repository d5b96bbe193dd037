package dev.contrail.domain.airport;

import java.util.List;

/** Real airports from OurAirports (public domain) for the tests. */
final class Airports {

    static final AirportDetails KIAD = new AirportDetails("KIAD", AirportType.LARGE_AIRPORT, "Washington Dulles International Airport",
            38.9445, -77.455803, 95.1, "US", "US-VA", "Dulles", true, "KIAD", "IAD", List.of(
            runway("01C", 38.93909836, -77.45980072, 1.0, "19C", 38.97060013, -77.45929718, 181.0),
            runway("01L", 38.945, -77.47482, 1.0, "19R", 38.97078, -77.47445, 181.0),
            runway("01R", 38.92380142211914, -77.4364013671875, 0.7, "19L", 38.955299377441406, -77.43599700927734, 180.7),
            runway("12", 38.94380187988281, -77.49040222167969, 110.6, "30", 38.93360137939453, -77.45590209960938, 290.6)));

    static final AirportDetails KDCA = new AirportDetails("KDCA", AirportType.LARGE_AIRPORT, "Ronald Reagan Washington National Airport",
            38.8521, -77.037697, 4.6, "US", "US-DC", "Washington", true, "KDCA", "DCA", List.of());

    private Airports() {
    }

    static Runway runway(String low, double lowLat, double lowLon, double lowHeading, String high, double highLat, double highLon,
                         double highHeading) {
        return new Runway(new RunwayEnd(low, lowLat, lowLon, null, lowHeading), new RunwayEnd(high, highLat, highLon, null, highHeading),
                3000.0, 45.0, "CON", true, false);
    }

    static AirportDetails small(String ident, AirportType type, double latitude, double longitude) {
        return new AirportDetails(ident, type, ident + " field", latitude, longitude, 90.0, "US", "US-VA", null, false, null, null, List.of());
    }
}
