package dev.contrail.schemas.kafka;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;

/**
 * A schema registry spoken to through the Confluent-compatible REST API (ADR 0037): Apicurio Registry serves it under
 * {@code /apis/ccompat/v7}, Confluent's Schema Registry at its root. Three calls are used: register a schema under a
 * subject ({@code POST /subjects/{subject}/versions}, which returns the existing id when the schema is already
 * there), set the subject's compatibility ({@code PUT /config/{subject}}) and fetch a schema by id
 * ({@code GET /schemas/ids/{id}}).
 * <p>
 * Every answer is cached for the life of the process — ids and schemas never change once registered — so the
 * registry is called once per subject and schema on the writing side and once per id on the reading side, never per
 * record. Thread-safe.
 */
public final class SchemaRegistry {

    /**
     * The compatibility Contrail's build enforces between the versions of a contract ({@code ContractCompatibilityTest}):
     * the current schema reads data written with every recorded version.
     */
    public static final String COMPATIBILITY = "BACKWARD_TRANSITIVE";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final URI baseUri;
    private final HttpClient http;
    private final Duration timeout;
    private final Map<Registration, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    /**
     * @param url the Confluent-compatible API's root, e.g. {@code http://localhost:8085/apis/ccompat/v7}
     */
    public SchemaRegistry(URI url) {
        String text = Objects.requireNonNull(url, "url").toString();
        this.baseUri = URI.create(text.endsWith("/") ? text : text + "/");
        this.timeout = Duration.ofSeconds(10);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The API root this client talks to. */
    public URI url() {
        return baseUri;
    }

    /**
     * The id of {@code schema} under {@code subject}, registering it (and setting the subject's compatibility to
     * {@link #COMPATIBILITY}) the first time this process writes it.
     *
     * @throws RegistryUnavailableException when the registry cannot be reached or answers with a server error
     * @throws IllegalStateException when the registry refuses the schema (e.g. incompatible with the subject's
     *                               earlier versions)
     */
    public int register(String subject, Schema schema) {
        // Called for every record written: the key costs no walk of the schema (Avro caches a schema's hash code, and
        // a serde passes the same instance every time), where a fingerprint would rebuild its canonical form per record.
        Registration key = new Registration(subject, schema);
        Integer known = idsBySubjectAndSchema.get(key);
        if (known != null) {
            return known;
        }
        // Not computeIfAbsent: an HTTP call must not run inside the map's lock. Two threads may both register the
        // same schema once; the registry answers both with the same id.
        int id = registerAndConfigure(subject, schema);
        idsBySubjectAndSchema.putIfAbsent(key, id);
        return id;
    }

    /** A schema under a subject, as registered once by this process. */
    private record Registration(String subject, Schema schema) {
    }

    /** The schema registered with {@code id}, fetched from the registry the first time. */
    public Schema schema(int id) {
        Schema known = schemasById.get(id);
        if (known != null) {
            return known;
        }
        JsonNode answer = call(HttpRequest.newBuilder(resolve("schemas/ids/" + id)).GET(), "schema id " + id);
        JsonNode text = answer.get("schema");
        if (text == null || !text.isTextual()) {
            throw new IllegalStateException("Schema registry " + baseUri + " returned no schema for id " + id + ": " + answer);
        }
        Schema schema = new Schema.Parser().setValidateDefaults(false).parse(text.asText());
        schemasById.putIfAbsent(id, schema);
        return schema;
    }

    private int registerAndConfigure(String subject, Schema schema) {
        String encoded = URLEncoder.encode(subject, StandardCharsets.UTF_8);
        // Registered first: Apicurio refuses the configuration of a subject that does not exist yet.
        JsonNode registered = call(HttpRequest.newBuilder(resolve("subjects/" + encoded + "/versions"))
                .POST(body(Map.of("schemaType", "AVRO", "schema", schema.toString()))), "registering subject " + subject);
        JsonNode id = registered.get("id");
        if (id == null || !id.canConvertToInt()) {
            throw new IllegalStateException("Schema registry " + baseUri + " returned no id for subject " + subject + ": " + registered);
        }
        call(HttpRequest.newBuilder(resolve("config/" + encoded)).PUT(body(Map.of("compatibility", COMPATIBILITY))),
                "setting the compatibility of subject " + subject);
        schemasById.putIfAbsent(id.asInt(), schema);
        return id.asInt();
    }

    private URI resolve(String path) {
        return baseUri.resolve(path);
    }

    private static HttpRequest.BodyPublisher body(Map<String, String> fields) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(fields));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode call(HttpRequest.Builder request, String what) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(timeout).header("Content-Type", CONTENT_TYPE)
                    .header("Accept", CONTENT_TYPE + ", application/json").build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RegistryUnavailableException("Schema registry " + baseUri + " unreachable while " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("Interrupted while " + what + " at schema registry " + baseUri, e);
        }
        int status = response.statusCode();
        if (status >= 500 || status == 429) {
            throw new RegistryUnavailableException("Schema registry " + baseUri + " answered " + status + " while " + what
                    + ": " + response.body(), null);
        }
        if (status >= 300) {
            throw new IllegalStateException("Schema registry " + baseUri + " refused " + what + " (HTTP " + status + "): "
                    + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Schema registry " + baseUri + " answered " + what + " with no JSON: " + response.body(), e);
        }
    }

    /**
     * The registry could not be asked: a transient condition that trying again later cures, unlike a refused or
     * undecodable record. It is deliberately not a {@code SerializationException}, so that the dead-letter handling
     * (ADR 0025) does not take a record for poison because the registry was briefly away.
     */
    public static final class RegistryUnavailableException extends RuntimeException {
        RegistryUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
