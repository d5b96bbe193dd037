package dev.contrail.api.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may operate Contrail (ADR 0010). Queries and subscriptions are open; the operations that change it — replaying
 * a projection, republishing events — need the admin role, checked on the GraphQL fields themselves
 * ({@code @PreAuthorize}), so they are enforced alike over HTTP and over the WebSocket (whose handshake carries the
 * credentials). Credentials are HTTP Basic, from configuration: {@code contrail.admin.username} /
 * {@code contrail.admin.password} (plain, or encoded as {@code {bcrypt}...}). Without a password nobody is admin;
 * only the embedded demo has one by default.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableConfigurationProperties(AdminSecurityConfiguration.AdminProperties.class)
public class AdminSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AdminSecurityConfiguration.class);

    /**
     * @param username the admin's user name
     * @param password the admin's password; none (the default outside the embedded demo) disables admin operations
     */
    @ConfigurationProperties("contrail.admin")
    public record AdminProperties(@DefaultValue("admin") String username, String password) {
    }

    @Bean
    SecurityFilterChain contrailApi(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .httpBasic(Customizer.withDefaults())
                // A stateless API authenticated per request: no session cookie, so no cross-site request to forge.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    UserDetailsService administrators(AdminProperties admin) {
        if (admin.password() == null || admin.password().isBlank()) {
            log.info("Admin operations (replay, republish) are disabled: set contrail.admin.password to enable them");
            return new InMemoryUserDetailsManager();
        }
        String password = admin.password().startsWith("{")
                ? admin.password()
                : PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(admin.password());
        log.info("Admin operations (replay, republish) are enabled for user '{}'", admin.username());
        return new InMemoryUserDetailsManager(User.withUsername(admin.username()).password(password).roles("ADMIN").build());
    }
}
