package dev.contrail.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks HTTP Basic credentials without a bcrypt per request, and limits failed sign-ins per client address (ADR 0027).
 *
 * <p>Credentials the delegate (bcrypt) verified are remembered, for {@link SignInLimits#credentialsCacheTtl()}, under a
 * keyed HMAC-SHA-256 of the user name and password: the key is random per process, so the cache holds nothing a
 * password could be guessed from offline. A failed sign-in counts against the client's address; past
 * {@link SignInLimits#maxFailedSignIns()} within {@link SignInLimits#failedSignInWindow()} the address is refused
 * ({@link TooManyFailedSignInsException}, answered 429 with Retry-After) until the window ends, right credentials or
 * not, so that guessing costs the guesser time and Contrail no bcrypt.
 */
final class CachedCredentialsAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider delegate;
    private final SignInLimits limits;
    private final Cache<String, Authentication> verified;
    private final Cache<String, Failures> failures;
    private final SecretKeySpec key;

    CachedCredentialsAuthenticationProvider(AuthenticationProvider delegate, SignInLimits limits) {
        this.delegate = delegate;
        this.limits = limits;
        this.verified = Caffeine.newBuilder().expireAfterWrite(limits.credentialsCacheTtl()).maximumSize(1_000).build();
        this.failures = Caffeine.newBuilder().expireAfterWrite(limits.failedSignInWindow()).maximumSize(100_000).build();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String address = clientAddress(authentication);
        Failures failed = failures.getIfPresent(address);
        if (failed != null && failed.count.get() >= limits.maxFailedSignIns()) {
            throw new TooManyFailedSignInsException(limits, retryAfter(failed));
        }
        String credentials = fingerprint(authentication);
        Authentication known = verified.getIfPresent(credentials);
        if (known != null) {
            return known;
        }
        try {
            Authentication result = delegate.authenticate(authentication);
            if (result != null && result.isAuthenticated()) {
                verified.put(credentials, UsernamePasswordAuthenticationToken.authenticated(result.getPrincipal(), null, result.getAuthorities()));
            }
            return result;
        } catch (AuthenticationException wrong) {
            failures.get(address, any -> new Failures(Instant.now())).count.incrementAndGet();
            throw wrong;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private Duration retryAfter(Failures failed) {
        Duration left = Duration.between(Instant.now(), failed.since.plus(limits.failedSignInWindow()));
        return left.isNegative() ? Duration.ofSeconds(1) : left;
    }

    private static String clientAddress(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
                ? web.getRemoteAddress() : "unknown";
    }

    private String fingerprint(Authentication authentication) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(authentication.getName().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(String.valueOf(authentication.getCredentials()).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static final class Failures {
        final Instant since;
        final AtomicInteger count = new AtomicInteger();

        Failures(Instant since) {
            this.since = since;
        }
    }

    /** A client address that failed to sign in too often; answered 429. */
    static final class TooManyFailedSignInsException extends AuthenticationException {

        private final Duration retryAfter;

        TooManyFailedSignInsException(SignInLimits limits, Duration retryAfter) {
            super("Too many failed sign-ins from this address (%d within %d s, contrail.api.security.max-failed-sign-ins); try again in %d s"
                    .formatted(limits.maxFailedSignIns(), limits.failedSignInWindow().toSeconds(), Math.max(1, retryAfter.toSeconds())));
            this.retryAfter = retryAfter;
        }

        Duration retryAfter() {
            return retryAfter;
        }
    }
}
