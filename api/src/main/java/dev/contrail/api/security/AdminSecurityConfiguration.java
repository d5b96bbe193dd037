package dev.contrail.api.security;

import dev.contrail.api.security.CachedCredentialsAuthenticationProvider.TooManyFailedSignInsException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may operate Contrail (ADR 0010, ADR 0027). Queries and subscriptions are open; the operations that change it —
 * replaying a projection, republishing events — need the admin role, checked on the GraphQL fields themselves
 * ({@code @PreAuthorize}), so they are enforced alike over HTTP and over the WebSocket (whose handshake carries the
 * credentials). Of the actuator, {@code /actuator/health} is open for probes, without details; its details and every
 * other endpoint (metrics, Prometheus, info) are the admin's. Credentials are HTTP Basic, from configuration:
 * {@code contrail.admin.username} / {@code contrail.admin.password} (plain, or encoded as {@code {bcrypt}...}). Without a
 * password nobody is admin; only the embedded demo has one by default. Verified credentials are cached, and failed
 * sign-ins are limited per client address ({@link CachedCredentialsAuthenticationProvider}).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableConfigurationProperties({AdminSecurityConfiguration.AdminProperties.class, SignInLimits.class})
public class AdminSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AdminSecurityConfiguration.class);

    /** The role of the operators: admin GraphQL operations and the actuator. */
    public static final String ADMIN = "ADMIN";

    /**
     * @param username the admin's user name
     * @param password the admin's password; none (the default outside the embedded demo) disables admin operations
     */
    @ConfigurationProperties("contrail.admin")
    public record AdminProperties(@DefaultValue("admin") String username, String password) {
    }

    @Bean
    SecurityFilterChain contrailApi(HttpSecurity http, UserDetailsService administrators, SignInLimits limits) throws Exception {
        var provider = new CachedCredentialsAuthenticationProvider(new DaoAuthenticationProvider(administrators), limits);
        AuthenticationEntryPoint entryPoint = AdminSecurityConfiguration::refuse;
        return http
                .authenticationManager(new ProviderManager(provider))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to("health")).permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole(ADMIN)
                        .anyRequest().permitAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint))
                // A stateless API authenticated per request: no session cookie, so no cross-site request to forge.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    /** 429 with Retry-After for an address locked out; otherwise 401 with the Basic challenge. Both say why. */
    private static void refuse(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response,
                               AuthenticationException failure) throws IOException {
        String message;
        if (failure instanceof TooManyFailedSignInsException tooMany) {
            response.setStatus(429);
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, tooMany.retryAfter().toSeconds())));
            message = tooMany.getMessage();
        } else {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Contrail\", charset=\"UTF-8\"");
            message = failure instanceof BadCredentialsException
                    ? "Bad credentials"
                    : "Sign in as the admin (HTTP Basic, contrail.admin.username / password) to use " + request.getRequestURI();
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"status\":" + response.getStatus() + ",\"error\":\"" + message.replace("\"", "'") + "\"}");
    }

    @Bean
    UserDetailsService administrators(AdminProperties admin) {
        if (admin.password() == null || admin.password().isBlank()) {
            log.info("Admin operations (replay, republish, actuator) are disabled: set contrail.admin.password to enable them");
            return new InMemoryUserDetailsManager();
        }
        String password = admin.password().startsWith("{")
                ? admin.password()
                : PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(admin.password());
        log.info("Admin operations (replay, republish, actuator) are enabled for user '{}'", admin.username());
        return new InMemoryUserDetailsManager(User.withUsername(admin.username()).password(password).roles(ADMIN).build());
    }
}
