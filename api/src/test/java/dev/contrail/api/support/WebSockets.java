package dev.contrail.api.support;

import java.util.Map;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;

/** The WebSocket client of every integration test. */
public final class WebSockets {

    private WebSockets() {
    }

    /**
     * Tomcat's JSR-356 client, with 30 s for the handshake and each write instead of its default 5 s, which ran out on a
     * 2-core CI machine at a load average of 30 ("The HTTP request to initiate the WebSocket connection ... failed").
     */
    public static StandardWebSocketClient client() {
        StandardWebSocketClient client = new StandardWebSocketClient();
        client.setUserProperties(Map.of("org.apache.tomcat.websocket.IO_TIMEOUT_MS", "30000"));
        return client;
    }
}
