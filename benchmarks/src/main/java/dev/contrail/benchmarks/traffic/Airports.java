package dev.contrail.benchmarks.traffic;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The airports of the bundled OurAirports subset ({@value #RESOURCE}): every {@code large_airport} and
 * {@code medium_airport}, with only the columns the generator needs. OurAirports data is public domain; see
 * benchmarks/README.md for its origin. {@link #main} rebuilds the subset from a full {@code airports.csv}.
 */
public final class Airports {

    public static final String RESOURCE = "/ourairports/airports-large-medium.csv.gz";

    private static final double METRES_PER_FOOT = 0.3048;
    private static final Set<String> KEPT_TYPES = Set.of("large_airport", "medium_airport");
    private static final String[] SUBSET_HEADER = {"ident", "type", "latitude_deg", "longitude_deg", "elevation_ft"};

    private static volatile List<Airport> bundled;

    private Airports() {
    }

    /** The bundled subset, read once. */
    public static List<Airport> bundled() {
        List<Airport> airports = bundled;
        if (airports == null) {
            try (InputStream in = Airports.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("Missing resource " + RESOURCE);
                }
                airports = read(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + RESOURCE, e);
            }
            bundled = airports;
        }
        return airports;
    }

    /**
     * Reads airports from OurAirports CSV, either the full {@code airports.csv} or the subset (same column names),
     * keeping large and medium airports with a position.
     */
    public static List<Airport> read(Reader csv) throws IOException {
        var format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        List<Airport> airports = new ArrayList<>();
        for (CSVRecord row : format.parse(csv)) {
            String type = row.get("type");
            if (!KEPT_TYPES.contains(type) || row.get("latitude_deg").isBlank() || row.get("longitude_deg").isBlank()) {
                continue;
            }
            String elevation = row.get("elevation_ft");
            airports.add(new Airport(row.get("ident"), "large_airport".equals(type),
                    Double.parseDouble(row.get("latitude_deg")), Double.parseDouble(row.get("longitude_deg")),
                    elevation.isBlank() ? 0 : Double.parseDouble(elevation) * METRES_PER_FOOT));
        }
        return List.copyOf(airports);
    }

    /**
     * Writes the bundled subset from a full OurAirports {@code airports.csv}:
     * {@code java -cp ... dev.contrail.benchmarks.traffic.Airports /work/shared/data/ourairports/airports.csv
     * benchmarks/src/main/resources/ourairports/airports-large-medium.csv.gz}.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: Airports <full airports.csv> <subset .csv.gz to write>");
            System.exit(2);
        }
        var format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        int kept = 0;
        try (Reader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8);
             Writer out = new java.io.OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(Path.of(args[1]))), StandardCharsets.UTF_8);
             CSVPrinter printer = CSVFormat.DEFAULT.builder().setHeader(SUBSET_HEADER).setRecordSeparator('\n').get().print(out)) {
            for (CSVRecord row : format.parse(in)) {
                if (KEPT_TYPES.contains(row.get("type")) && !row.get("latitude_deg").isBlank() && !row.get("longitude_deg").isBlank()) {
                    printer.printRecord(row.get("ident"), row.get("type"), row.get("latitude_deg"), row.get("longitude_deg"),
                            row.get("elevation_ft"));
                    kept++;
                }
            }
        }
        System.out.println("Wrote " + kept + " airports to " + args[1]);
    }
}
