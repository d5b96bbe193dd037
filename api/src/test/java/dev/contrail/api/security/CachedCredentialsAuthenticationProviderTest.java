package dev.contrail.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrail.api.security.CachedCredentialsAuthenticationProvider.TooManyFailedSignInsException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** Verified credentials cost one bcrypt, not one per request; failed sign-ins lock an address out, not the others. */
class CachedCredentialsAuthenticationProviderTest {

    private final AtomicInteger bcrypts = new AtomicInteger();
    private final PasswordEncoder bcrypt = new PasswordEncoder() {
        private final BCryptPasswordEncoder real = new BCryptPasswordEncoder();

        @Override
        public String encode(CharSequence rawPassword) {
            return real.encode(rawPassword);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            bcrypts.incrementAndGet();
            return real.matches(rawPassword, encodedPassword);
        }
    };
    private final CachedCredentialsAuthenticationProvider provider = provider(new SignInLimits(Duration.ofMinutes(5), 3, Duration.ofMinutes(1)));

    @Test
    void verifiedCredentialsAreNotBcryptedAgain() {
        for (int i = 0; i < 20; i++) {
            Authentication signedIn = provider.authenticate(basic("admin", "s3cret", "10.0.0.1"));
            assertThat(signedIn.isAuthenticated()).isTrue();
            assertThat(signedIn.getAuthorities()).extracting(Object::toString).contains("ROLE_ADMIN");
        }
        assertThat(bcrypts).hasValue(1);
    }

    @Test
    void aWrongPasswordIsNeverTakenForTheCachedOne() {
        provider.authenticate(basic("admin", "s3cret", "10.0.0.1"));

        assertThatThrownBy(() -> provider.authenticate(basic("admin", "s3cret ", "10.0.0.1"))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> provider.authenticate(basic("admin2", "s3cret", "10.0.0.1"))).isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void failedSignInsLockTheirAddressOutEvenWithTheRightPasswordButNotOthers() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> provider.authenticate(basic("admin", "guess", "10.0.0.66"))).isInstanceOf(BadCredentialsException.class);
        }
        int bcryptsBefore = bcrypts.get();

        assertThatThrownBy(() -> provider.authenticate(basic("admin", "s3cret", "10.0.0.66")))
                .isInstanceOf(TooManyFailedSignInsException.class)
                .hasMessageStartingWith("Too many failed sign-ins from this address (3 within 60 s, contrail.api.security.max-failed-sign-ins); try again in ");
        assertThat(bcrypts.get()).as("a locked-out guess costs no bcrypt").isEqualTo(bcryptsBefore);

        assertThat(provider.authenticate(basic("admin", "s3cret", "10.0.0.1")).isAuthenticated()).isTrue();
    }

    @Test
    void aLockoutEndsWithItsWindow() throws InterruptedException {
        var shortWindow = provider(new SignInLimits(Duration.ofMinutes(5), 1, Duration.ofMillis(300)));
        assertThatThrownBy(() -> shortWindow.authenticate(basic("admin", "guess", "10.0.0.7"))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> shortWindow.authenticate(basic("admin", "s3cret", "10.0.0.7"))).isInstanceOf(TooManyFailedSignInsException.class);

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        boolean signedIn = false;
        while (!signedIn && System.nanoTime() < deadline) {
            Thread.sleep(100);
            try {
                signedIn = shortWindow.authenticate(basic("admin", "s3cret", "10.0.0.7")).isAuthenticated();
            } catch (TooManyFailedSignInsException stillLocked) {
                // The window has not ended yet.
            }
        }
        assertThat(signedIn).isTrue();
    }

    private CachedCredentialsAuthenticationProvider provider(SignInLimits limits) {
        var users = new InMemoryUserDetailsManager(User.withUsername("admin").password(bcrypt.encode("s3cret")).roles("ADMIN").build());
        var dao = new DaoAuthenticationProvider(users);
        dao.setPasswordEncoder(bcrypt);
        bcrypts.set(0);
        return new CachedCredentialsAuthenticationProvider(dao, limits);
    }

    private static Authentication basic(String user, String password, String address) {
        var token = UsernamePasswordAuthenticationToken.unauthenticated(user, password);
        var request = new MockHttpServletRequest();
        request.setRemoteAddr(address);
        token.setDetails(new WebAuthenticationDetails(request));
        return token;
    }
}
