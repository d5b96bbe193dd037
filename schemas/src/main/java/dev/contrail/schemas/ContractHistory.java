package dev.contrail.schemas;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;

/**
 * Every version ever published of every Kafka contract, as recorded under {@code avro-history/<SimpleName>/vN.avsc}.
 * <p>
 * Messages are single-object encoded: they carry only the fingerprint of their writer schema, not the schema. A
 * consumer can therefore decode a message written by an older producer only if it knows that older schema; this
 * history, shipped in the jar, is where it looks ({@link #schemaStore()}). It is also what the compatibility tests
 * check the current schemas against.
 * <p>
 * The files are found through {@code avro-history/index.txt} rather than by listing the classpath, because a
 * directory inside a jar (let alone inside a Spring Boot fat jar) cannot be listed portably. The index is kept by
 * hand and {@code ContractHistoryTest} fails when it disagrees with the files.
 * <p>
 * Each version is a standalone schema: versions of one contract define the same names, so every file is parsed
 * with its own {@link Schema.Parser}.
 */
public final class ContractHistory {

    static final String ROOT = "avro-history/";
    static final String INDEX = ROOT + "index.txt";

    /** One index line: the contract's simple name, then its version number (no leading zero). */
    private static final Pattern ENTRY = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)/v([1-9][0-9]*)\\.avsc");

    /**
     * Contract name to its versions, sorted by name; loaded on first use and kept, as the history cannot change
     * while the jar is on the classpath. Not loaded in a static initializer: a broken history would then surface
     * as an ExceptionInInitializerError once and as a causeless NoClassDefFoundError ever after, whereas this way
     * every caller gets the message that says what is wrong. Two threads may both load it; they get equal maps.
     */
    private static volatile Map<String, List<Schema>> history;

    private ContractHistory() {
    }

    /** Simple names of all contracts that have a history, e.g. {@code FlightTrackingEvent}. */
    public static Set<String> contracts() {
        return versions().keySet();
    }

    /**
     * All recorded versions of a contract, oldest first: element 0 is {@code v1.avsc}, the last one is the
     * version the current schema must equal.
     *
     * @throws IllegalArgumentException if the contract has no history, rather than an empty list that would make
     *                                  a typo look like a contract without versions
     */
    public static List<Schema> versionsOf(String simpleName) {
        List<Schema> contract = versions().get(simpleName);
        if (contract == null) {
            throw new IllegalArgumentException("No history for contract '" + simpleName + "'; known: " + contracts());
        }
        return contract;
    }

    /**
     * A schema store with every version of every contract, for {@code BinaryMessageDecoder} to resolve writer
     * schemas by fingerprint.
     * <p>
     * A new store on every call, because {@link SchemaStore.Cache} is mutable: whatever a caller adds to its store
     * must not leak into the decoders of others. Versions that differ only in docs, defaults or logical types have
     * the same fingerprint and share one entry, which is harmless: the writer schema only describes the binary
     * layout, and those attributes do not change it (defaults and conversions come from the reader schema).
     */
    public static SchemaStore.Cache schemaStore() {
        SchemaStore.Cache store = new SchemaStore.Cache();
        versions().values().forEach(contract -> contract.forEach(store::addSchema));
        return store;
    }

    private static Map<String, List<Schema>> versions() {
        Map<String, List<Schema>> loaded = history;
        if (loaded == null) {
            loaded = load();
            history = loaded;
        }
        return loaded;
    }

    private static Map<String, List<Schema>> load() {
        // contract -> version number -> schema; TreeMaps so that v10 sorts after v9 and contracts come out sorted
        Map<String, TreeMap<Integer, Schema>> byContract = new TreeMap<>();
        for (String entry : readIndex()) {
            Matcher matcher = ENTRY.matcher(entry);
            if (!matcher.matches()) {
                throw new IllegalStateException(INDEX + ": '" + entry + "' is not of the form <SimpleName>/v<N>.avsc");
            }
            String contract = matcher.group(1);
            Schema schema = parse(entry);
            if (!schema.getName().equals(contract)) {
                throw new IllegalStateException(ROOT + entry + " defines " + schema.getFullName() + ", not " + contract);
            }
            byContract.computeIfAbsent(contract, c -> new TreeMap<>()).put(Integer.valueOf(matcher.group(2)), schema);
        }

        Map<String, List<Schema>> loaded = new TreeMap<>();
        byContract.forEach((contract, byVersion) -> {
            // A gap would mean a lost version, i.e. messages that may exist and that nobody could decode.
            if (byVersion.lastKey() != byVersion.size()) {
                throw new IllegalStateException(
                        INDEX + ": versions of " + contract + " must be v1..vN without gaps, found " + byVersion.keySet());
            }
            loaded.put(contract, List.copyOf(byVersion.values()));
        });
        return Collections.unmodifiableMap(loaded);
    }

    private static List<String> readIndex() {
        List<String> entries = new ArrayList<>();
        try (InputStream in = open(INDEX);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String entry = line.strip();
                if (!entry.isEmpty() && !entry.startsWith("#")) {
                    entries.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + INDEX, e);
        }
        return entries;
    }

    private static Schema parse(String entry) {
        try (InputStream in = open(ROOT + entry)) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + ROOT + entry, e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = ContractHistory.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is not on the classpath");
        }
        return in;
    }
}
