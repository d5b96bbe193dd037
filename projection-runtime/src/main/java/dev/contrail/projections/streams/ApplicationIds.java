package dev.contrail.projections.streams;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The names of Contrail's Kafka Streams applications (ADR 0005, ADR 0010): {@code <prefix>-<consumer>}, e.g.
 * {@code contrail-refinement}, and for a projection's generation {@code <prefix>-projection-<name>-g<n>}. The
 * application.id is also the consumer group and the prefix of the application's internal topics.
 *
 * @param prefix {@code contrail.kafka.application-id-prefix}: instances of one deployment share it
 */
public record ApplicationIds(String prefix) {

    private static final String PROJECTION = "projection-";
    private static final Pattern GENERATION = Pattern.compile("-g\\d+$");

    public ApplicationIds {
        Objects.requireNonNull(prefix, "prefix");
    }

    /** The application.id of a consumer, e.g. {@code contrail-refinement}. */
    public String of(String consumer) {
        return prefix + "-" + consumer;
    }

    /** The application.id of a projection's generation, e.g. {@code contrail-projection-live-flights-g3}. */
    public String generation(String projection, int number) {
        return of(PROJECTION + projection + "-g" + number);
    }

    /**
     * The stage under which an application's dead letters are counted: its consumer name without the prefix, and for a
     * projection generation the projection's name ({@code contrail-projection-live-flights-g3} → {@code live-flights}).
     */
    public String stage(String applicationId) {
        String start = prefix + "-";
        String consumer = applicationId.startsWith(start) ? applicationId.substring(start.length()) : applicationId;
        if (consumer.startsWith(PROJECTION)) {
            consumer = GENERATION.matcher(consumer.substring(PROJECTION.length())).replaceFirst("");
        }
        return consumer;
    }
}
