package dev.contrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * What the command line answers and which exit code it ends with, for each way an operator's call can end. An HTTP
 * server of the JDK stands in for Contrail's /graphql endpoint (the commands against a real Contrail are run by the api
 * module's integration tests, e.g. ProjectionReplayIT); this test is about the command line itself.
 */
class ExitCodesTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private HttpServer contrail;

    @AfterEach
    void stop() {
        if (contrail != null) {
            contrail.stop(0);
        }
    }

    @Test
    void aContrailThatCannotBeReachedIsExit3WithOneLineThatSaysWhereItLooked() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://localhost:" + closedPort + "/graphql";

        int exit = run("--url", url, "projections");

        assertThat(exit).isEqualTo(ContrailCli.REFUSED);
        assertThat(err.toString()).startsWith("contrail: cannot reach Contrail at " + url).contains("ConnectException")
                .doesNotContain("\tat ");
        assertThat(out.toString()).as("no half table").isEmpty();
    }

    @Test
    void wrongCredentialsAreExit3WithAHint() throws IOException {
        answer(401, "");

        int exit = run("--url", url(), "--password", "wrong", "projections");

        assertThat(exit).isEqualTo(ContrailCli.REFUSED);
        assertThat(err.toString()).contains("HTTP 401").contains("check --user and --password");
    }

    @Test
    void anOperationContrailRefusesIsExit3WithItsGraphQlError() throws IOException {
        answer(200, """
                {"errors":[{"message":"No projection named 'nope'","extensions":{"classification":"BAD_REQUEST"}}],"data":null}""");

        int exit = run("--url", url(), "--password", "secret", "replay", "nope");

        assertThat(exit).isEqualTo(ContrailCli.REFUSED);
        assertThat(err.toString()).contains("No projection named 'nope'").doesNotContain("\tat ");
    }

    @Test
    void projectionsAreExit0WithOneLinePerProjection() throws IOException {
        answer(200, """
                {"data":{"projections":[{"name":"live-flights","state":"SERVING","reason":null,
                  "serving":{"generation":3,"lag":12},"rebuilding":null,"lastReplay":null}]}}""");

        int exit = run("--url", url(), "projections");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("PROJECTION").containsPattern("live-flights\\s+SERVING\\s+g3\\s+12");
    }

    @Test
    void aCommandThatDoesNotExistIsAUsageErrorExit2() {
        int exit = run("rebuild-everything");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Unmatched argument").contains("rebuild-everything");
    }

    private int run(String... args) {
        CommandLine commandLine = ContrailCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private void answer(int status, String body) throws IOException {
        contrail = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        contrail.createContext("/graphql", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        contrail.start();
    }

    private String url() {
        return "http://localhost:" + contrail.getAddress().getPort() + "/graphql";
    }
}
