package dev.contrail.infrastructure.airport.importing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.domain.airport.AirportDetails;
import dev.contrail.domain.airport.AirportType;
import dev.contrail.domain.airport.Runway;
import dev.contrail.infrastructure.airport.importing.OurAirportsCsv.Rejection;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OurAirportsCsvTest {

    private final List<Rejection> rejections = new ArrayList<>();
    private final List<AirportDetails> airports = new ArrayList<>();

    @Test
    void dullesWithItsFourRunwaysInMetres() throws IOException {
        read();

        AirportDetails kiad = airports.stream().filter(a -> a.ident().equals("KIAD")).findFirst().orElseThrow();
        assertThat(kiad.type()).isEqualTo(AirportType.LARGE_AIRPORT);
        assertThat(kiad.name()).isEqualTo("Washington Dulles International Airport");
        assertThat(kiad.elevationM()).isEqualTo(95.1); // 312 ft
        assertThat(kiad.iataCode()).isEqualTo("IAD");
        assertThat(kiad.scheduledService()).isTrue();
        assertThat(kiad.runways()).extracting(Runway::name).containsExactly("01C/19C", "01L/19R", "01R/19L", "12/30");
        Runway r12 = kiad.runways().get(3);
        assertThat(r12.lengthM()).isEqualTo(3200.7); // 10,501 ft
        assertThat(r12.highEnd().headingDeg()).isEqualTo(290.6);
        assertThat(r12.highEnd().latitude()).isEqualTo(38.93360137939453);
    }

    @Test
    void malformedRowsAreReportedWithTheirLineAndReasonAndTheRestIsRead() throws IOException {
        read();

        assertThat(airports).hasSize(14).extracting(AirportDetails::ident).doesNotContain("XBAD1", "XBAD2");
        assertThat(rejections).extracting(Rejection::toString).containsExactlyInAnyOrder(
                "runways.csv line 24: le_heading_degT is not a number: 'east'",
                "airports.csv line 6: expected 19 columns, found 5",
                "airports.csv line 10: latitude_deg is not a number: 'north'");
    }

    @Test
    void anUnknownTypeOrAMissingNameIsRejected() {
        String csv = """
                "id","ident","type","name","latitude_deg","longitude_deg","elevation_ft","continent","iso_country","iso_region",\
                "municipality","scheduled_service","icao_code","iata_code","gps_code","local_code","home_link","wikipedia_link","keywords"
                1,"AAAA","spaceport","Port",1,2,3,,,,,,,,,,,,
                2,"BBBB","heliport","",1,2,3,,,,,,,,,,,,
                3,"CCCC","heliport","Pad",1,200,3,,,,,,,,,,,,
                4,"DDDD","heliport","Pad",1,2,,,,,,,,,,,,,
                """;
        OurAirportsCsv.airports(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), Map.of(), airports::add, rejections::add);

        assertThat(airports).extracting(AirportDetails::ident).containsExactly("DDDD");
        assertThat(rejections).extracting(Rejection::reason).containsExactly("unknown airport type 'spaceport'", "name is empty",
                "longitude must be within [-180, 180], was 200.0");
    }

    private void read() throws IOException {
        Map<String, List<Runway>> runways;
        try (InputStream in = resource("runways.csv")) {
            runways = OurAirportsCsv.runways(in, rejections::add);
        }
        try (InputStream in = resource("airports.csv")) {
            OurAirportsCsv.airports(in, runways, airports::add, rejections::add);
        }
    }

    static InputStream resource(String name) {
        return OurAirportsCsvTest.class.getResourceAsStream("/ourairports-sample/" + name);
    }
}
