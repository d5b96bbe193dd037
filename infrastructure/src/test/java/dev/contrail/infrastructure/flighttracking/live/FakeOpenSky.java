package dev.contrail.infrastructure.flighttracking.live;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * A stand-in for OpenSky on 127.0.0.1: {@code /api/states/all} answers with scripted responses (real captured bodies
 * by default), gzip-compressed for a client that accepts it; {@code /auth/token} hands out numbered access tokens.
 * Every request is recorded. Nothing leaves the machine.
 */
final class FakeOpenSky implements AutoCloseable {

    static final String CLIENT_ID = "contrail-test-client";
    static final String CLIENT_SECRET = "s3cr3t";
    static final int TOKEN_LIFETIME_SECONDS = 1800;

    /** A scripted answer of {@code /states/all}. */
    record Answer(int status, Map<String, String> headers, byte[] body) {
        static Answer ok(byte[] body) {
            return new Answer(200, Map.of("Content-Type", "application/json"), body);
        }
    }

    /** What the fake received. */
    record Received(String method, String path, String query, String authorization, String acceptEncoding, String body) {
    }

    private final HttpServer server;
    private final Deque<Answer> answers = new ArrayDeque<>();
    private final List<Received> statesRequests = new ArrayList<>();
    private final List<Received> tokenRequests = new ArrayList<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private volatile boolean tokenEndpointRefuses;

    FakeOpenSky() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/states/all", this::states);
        server.createContext("/auth/token", this::token);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
    }

    String tokenUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/auth/token";
    }

    synchronized FakeOpenSky answer(Answer answer) {
        answers.add(answer);
        return this;
    }

    FakeOpenSky answer(int status, Map<String, String> headers, String body) {
        return answer(new Answer(status, headers, body.getBytes(UTF_8)));
    }

    /** Answers 200 with one of the captured responses in {@code src/test/resources/opensky-live/}. */
    FakeOpenSky answerWithCapture(String file) {
        return answer(Answer.ok(capture(file)));
    }

    void refuseTokens() {
        tokenEndpointRefuses = true;
    }

    synchronized List<Received> statesRequests() {
        return List.copyOf(statesRequests);
    }

    synchronized List<Received> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    static byte[] capture(String file) {
        try (InputStream in = FakeOpenSky.class.getResourceAsStream("/opensky-live/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("No test capture " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void states(HttpExchange exchange) throws IOException {
        Answer answer;
        synchronized (this) {
            statesRequests.add(received(exchange));
            answer = answers.poll();
        }
        if (answer == null) {
            answer = new Answer(500, Map.of(), "no scripted answer left".getBytes(UTF_8));
        }
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] body = answer.body();
        String acceptEncoding = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        if (answer.status() == 200 && acceptEncoding != null && acceptEncoding.contains("gzip")) {
            // As OpenSky's web server does for a client that accepts it: the client must inflate what it asked for.
            body = gzip(body);
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
        }
        send(exchange, answer.status(), body);
    }

    private void token(HttpExchange exchange) throws IOException {
        synchronized (this) {
            tokenRequests.add(received(exchange));
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (tokenEndpointRefuses) {
            // What Keycloak (OpenSky's auth server) answers to a wrong client secret.
            send(exchange, 401, "{\"error\":\"unauthorized_client\",\"error_description\":\"Invalid client or Invalid client credentials\"}"
                    .getBytes(UTF_8));
            return;
        }
        String token = "token-" + tokensIssued.incrementAndGet();
        send(exchange, 200, ("{\"access_token\":\"" + token + "\",\"expires_in\":" + TOKEN_LIFETIME_SECONDS
                + ",\"refresh_expires_in\":0,\"token_type\":\"Bearer\",\"not-before-policy\":0,\"scope\":\"profile email\"}")
                .getBytes(UTF_8));
    }

    private static Received received(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
        return new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("Accept-Encoding"), body);
    }

    private static byte[] gzip(byte[] body) throws IOException {
        var compressed = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(compressed)) {
            out.write(body);
        }
        return compressed.toByteArray();
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
