package dev.contrail.api.graphql;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServletHttpHandlerAdapter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.StandardWebSocketUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Hands the WebSocket upgrade requests of the GraphQL WebSocket path to a WebFlux {@link WebSocketHandler} on the same
 * Tomcat (ADR 0040): Spring WebFlux's own servlet bridge ({@link ServletHttpHandlerAdapter}) turns the request into a
 * reactive exchange, and its {@link HandshakeWebSocketService} upgrades it through Tomcat's JSR-356 container, whose
 * sessions then send asynchronously. Every other request on the path (GraphQL over HTTP) goes on down the chain.
 *
 * <p>Registered after Spring Security's filters, so the handshake is authenticated as before: the thread-local values
 * of the handshake (the {@code SecurityContext} among them) are captured, and set again around the handling of each
 * message of the session ({@link LimitedGraphQlWebSocketHandler}), as the WebMVC handler's handshake interceptor did;
 * the principal is the handshake's. The Origin check is the one Spring MVC applied to the handshake: the CORS
 * configuration of {@code spring.graphql.cors.*} (same-origin pages and clients that send no Origin always pass;
 * another site gets a 403).
 */
final class GraphQlWebSocketUpgrade extends OncePerRequestFilter {

    /** Key of the handshake's thread-local values in the session's Reactor context. */
    static final String HANDSHAKE = GraphQlWebSocketUpgrade.class.getName() + ".handshake";

    private final CorsConfiguration allowedOrigins;
    private final DefaultCorsProcessor origins = new DefaultCorsProcessor();
    private final ServletHttpHandlerAdapter bridge;
    private final String dispatcherServlet;

    /**
     * @param dispatcherServlet the name of Spring MVC's servlet, whose mapping the bridge takes as its own: it sees a
     *                          request's path as the GraphQL endpoint over HTTP does
     */
    GraphQlWebSocketUpgrade(WebSocketHandler handler, CorsConfiguration allowedOrigins, String dispatcherServlet) {
        this.allowedOrigins = allowedOrigins;
        this.dispatcherServlet = dispatcherServlet;
        var handshakes = new HandshakeWebSocketService(new StandardWebSocketUpgradeStrategy());
        ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();
        this.bridge = new ServletHttpHandlerAdapter(WebHttpHandlerBuilder.webHandler(exchange -> {
            // Called on the request's thread, inside Spring Security's chain.
            ContextSnapshot handshake = snapshots.captureAll();
            return handshakes.handleRequest(withPrincipal(exchange), handler).contextWrite(Context.of(HANDSHAKE, handshake));
        }).build());
    }

    @Override
    protected void initFilterBean() throws ServletException {
        ServletContext servletContext = getServletContext();
        bridge.init(new ServletConfig() {
            @Override
            public String getServletName() {
                return dispatcherServlet;
            }

            @Override
            public ServletContext getServletContext() {
                return servletContext;
            }

            @Override
            public String getInitParameter(String name) {
                return null;
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return Collections.emptyEnumeration();
            }
        });
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isWebSocketUpgrade(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (allowedOrigins != null && !origins.processRequest(allowedOrigins, request, response)) {
            return; // 403 "Invalid CORS request", as Spring MVC answered
        }
        bridge.service(request, response);
    }

    private static boolean isWebSocketUpgrade(HttpServletRequest request) {
        return HttpMethod.GET.matches(request.getMethod()) && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
    }

    private static ServerWebExchange withPrincipal(ServerWebExchange exchange) {
        HttpServletRequest request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        Principal principal = request.getUserPrincipal();
        return principal == null ? exchange : exchange.mutate().principal(Mono.just(principal)).build();
    }
}
