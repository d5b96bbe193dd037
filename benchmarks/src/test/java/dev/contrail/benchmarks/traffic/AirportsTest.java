package dev.contrail.benchmarks.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class AirportsTest {

    @Test
    void theBundledSubsetHoldsEveryLargeAndMediumAirport() {
        var airports = Airports.bundled();
        // OurAirports snapshot of 2026-08-07: 1,172 large + 4,100 medium airports.
        assertThat(airports).hasSize(5_272);
        assertThat(airports.stream().filter(Airport::large)).hasSize(1_172);
        assertThat(airports).allSatisfy(airport -> {
            assertThat(airport.latitude()).isBetween(-90.0, 90.0);
            assertThat(airport.longitude()).isBetween(-180.0, 180.0);
        });
        Airport dulles = airports.stream().filter(a -> a.ident().equals("KIAD")).findFirst().orElseThrow();
        assertThat(dulles.large()).isTrue();
        assertThat(dulles.latitude()).isEqualTo(38.9445);
        assertThat(dulles.longitude()).isEqualTo(-77.455803);
        assertThat(dulles.elevationM()).isCloseTo(312 * 0.3048, within(1e-9));
    }

    @Test
    void readingTheFullFileKeepsOnlyLargeAndMediumAirportsWithAPosition() throws Exception {
        String csv = """
                "id","ident","type","name","latitude_deg","longitude_deg","elevation_ft","continent"
                6523,"00A","heliport","Total RF Heliport",40.070985,-74.933689,11,"NA"
                3602,"KIAD","large_airport","Washington Dulles International Airport",38.9445,-77.455803,312,"NA"
                1,"XMED","medium_airport","Somewhere, with a comma",1.5,2.5,,"EU"
                2,"XBAD","medium_airport","No position",,,100,"EU"
                """;
        var airports = Airports.read(new StringReader(csv));
        assertThat(airports).containsExactly(
                new Airport("KIAD", true, 38.9445, -77.455803, 312 * 0.3048),
                new Airport("XMED", false, 1.5, 2.5, 0));
    }
}
