package dev.contrail.infrastructure.airport.importing;

import dev.contrail.domain.airport.AirportDetails;
import dev.contrail.domain.airport.AirportType;
import dev.contrail.domain.airport.Runway;
import dev.contrail.domain.airport.RunwayEnd;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads OurAirports' {@code airports.csv} and {@code runways.csv} (https://ourairports.com/help/data-dictionary.html)
 * with Commons CSV, into the Airport context's {@link AirportDetails}. Feet become metres. A row that cannot be read
 * — wrong number of columns, a missing ident or name, an unknown type, a coordinate that is not a number or out of
 * range — is reported as a {@link Rejection} with its line and reason, and reading goes on.
 */
public final class OurAirportsCsv {

    private static final double METRES_PER_FOOT = 0.3048;
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();

    private OurAirportsCsv() {
    }

    /** A row that was not imported, and why. */
    public record Rejection(String file, long line, String reason) {
        @Override
        public String toString() {
            return file + " line " + line + ": " + reason;
        }
    }

    /** Every readable runway by its airport's ident, in file order; unreadable rows go to {@code rejected}. */
    public static Map<String, List<Runway>> runways(InputStream in, Consumer<Rejection> rejected) {
        Map<String, List<Runway>> byAirport = new HashMap<>();
        forEachRecord(in, "runways.csv", rejected, record -> {
            String ident = required(record, "airport_ident");
            RunwayEnd low = end(record, "le_");
            if (low == null) {
                throw new IllegalArgumentException("runway has no le_ident");
            }
            Runway runway = new Runway(low, end(record, "he_"), feet(record, "length_ft"), feet(record, "width_ft"),
                    blankToNull(record.get("surface")), flag(record, "lighted"), flag(record, "closed"));
            byAirport.computeIfAbsent(ident, key -> new ArrayList<>()).add(runway);
        });
        return byAirport;
    }

    /** Hands every readable airport, with its runways, to {@code airports}; unreadable rows go to {@code rejected}. */
    public static void airports(InputStream in, Map<String, List<Runway>> runways, Consumer<AirportDetails> airports,
                                Consumer<Rejection> rejected) {
        forEachRecord(in, "airports.csv", rejected, record -> {
            String ident = required(record, "ident");
            AirportType type = AirportType.of(required(record, "type"));
            double latitude = number(record, "latitude_deg");
            double longitude = number(record, "longitude_deg");
            airports.accept(new AirportDetails(ident, type, required(record, "name"), latitude, longitude, feet(record, "elevation_ft"),
                    blankToNull(record.get("iso_country")), blankToNull(record.get("iso_region")), blankToNull(record.get("municipality")),
                    "yes".equalsIgnoreCase(record.get("scheduled_service")), blankToNull(record.get("icao_code")),
                    blankToNull(record.get("iata_code")), runways.getOrDefault(ident, List.of())));
        });
    }

    private interface RowHandler {
        void handle(CSVRecord record);
    }

    private static void forEachRecord(InputStream in, String file, Consumer<Rejection> rejected, RowHandler handler) {
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8); CSVParser parser = CSVParser.parse(reader, FORMAT)) {
            int columns = parser.getHeaderNames().size();
            Iterator<CSVRecord> records = parser.iterator();
            while (records.hasNext()) {
                CSVRecord record = records.next();
                if (record.size() != columns) {
                    rejected.accept(new Rejection(file, record.getParser().getCurrentLineNumber(),
                            "expected " + columns + " columns, found " + record.size()));
                    continue;
                }
                try {
                    handler.handle(record);
                } catch (IllegalArgumentException e) {
                    rejected.accept(new Rejection(file, record.getParser().getCurrentLineNumber(), e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static RunwayEnd end(CSVRecord record, String prefix) {
        String designator = blankToNull(record.get(prefix + "ident"));
        if (designator == null) {
            return null;
        }
        return new RunwayEnd(designator, optionalNumber(record, prefix + "latitude_deg"), optionalNumber(record, prefix + "longitude_deg"),
                feet(record, prefix + "elevation_ft"), optionalNumber(record, prefix + "heading_degT"));
    }

    private static String required(CSVRecord record, String column) {
        String value = blankToNull(record.get(column));
        if (value == null) {
            throw new IllegalArgumentException(column + " is empty");
        }
        return value;
    }

    private static double number(CSVRecord record, String column) {
        Double value = optionalNumber(record, column);
        if (value == null) {
            throw new IllegalArgumentException(column + " is empty");
        }
        return value;
    }

    private static Double optionalNumber(CSVRecord record, String column) {
        String text = blankToNull(record.get(column));
        if (text == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(text);
            if (!Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " is not a number: '" + text + "'");
        }
    }

    private static Double feet(CSVRecord record, String column) {
        Double feet = optionalNumber(record, column);
        return feet == null ? null : Math.round(feet * METRES_PER_FOOT * 100) / 100.0;
    }

    private static boolean flag(CSVRecord record, String column) {
        return "1".equals(record.get(column).trim());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
