package dev.contrail.api.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How credentials are checked (ADR 0027).
 *
 * @param credentialsCacheTtl how long credentials that were verified stay verified without another bcrypt
 * @param maxFailedSignIns    failed sign-ins a client address may make within {@code failedSignInWindow}; then 429
 * @param failedSignInWindow  the window of {@code maxFailedSignIns}, counted from the first failure: the longest lockout
 */
@ConfigurationProperties("contrail.api.security")
public record SignInLimits(@DefaultValue("5m") Duration credentialsCacheTtl,
                           @DefaultValue("10") int maxFailedSignIns,
                           @DefaultValue("1m") Duration failedSignInWindow) {
}
