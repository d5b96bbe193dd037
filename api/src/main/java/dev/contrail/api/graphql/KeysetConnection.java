package dev.contrail.api.graphql;

import graphql.relay.Connection;
import graphql.relay.DefaultConnection;
import graphql.relay.DefaultConnectionCursor;
import graphql.relay.DefaultEdge;
import graphql.relay.DefaultPageInfo;
import graphql.relay.Edge;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A Relay connection over nodes ordered by one unique text key (ADR 0019). The cursor of an edge is its node's key in
 * URL-safe base64: opaque to clients, and one small encoding per edge rather than Spring GraphQL's JSON-serialized
 * {@code ScrollPosition}. Controllers return the {@link Connection} as is; Spring GraphQL passes it through.
 */
public final class KeysetConnection {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private KeysetConnection() {
    }

    /**
     * The page as a connection.
     *
     * @param after   the key the page starts after, null for the first page: there are edges before it only then
     * @param hasNext whether more nodes follow the page
     */
    public static <T> Connection<T> of(List<T> nodes, Function<T, String> key, String after, boolean hasNext) {
        List<Edge<T>> edges = new ArrayList<>(nodes.size());
        for (T node : nodes) {
            edges.add(new DefaultEdge<>(node, new DefaultConnectionCursor(cursor(key.apply(node)))));
        }
        var pageInfo = edges.isEmpty()
                ? new DefaultPageInfo(null, null, after != null, hasNext)
                : new DefaultPageInfo(edges.get(0).getCursor(), edges.get(edges.size() - 1).getCursor(), after != null, hasNext);
        return new DefaultConnection<>(edges, pageInfo);
    }

    public static String cursor(String key) {
        return ENCODER.encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The key in a cursor of {@link #cursor}; empty if the text is no such cursor. The caller checks the key itself. */
    public static Optional<String> key(String cursor) {
        try {
            return Optional.of(new String(DECODER.decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
