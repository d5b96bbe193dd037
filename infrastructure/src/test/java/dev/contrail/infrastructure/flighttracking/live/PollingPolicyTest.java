package dev.contrail.infrastructure.flighttracking.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.contrail.infrastructure.flighttracking.live.OpenSkyLiveProperties.BoundingBox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollingPolicyTest {

    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    @Test
    void openSkyBillsARequestByTheAreaOfItsBox() {
        assertThat(PollingPolicy.creditsPerRequest(box(1, 1))).isEqualTo(1);
        assertThat(PollingPolicy.creditsPerRequest(box(5, 5))).isEqualTo(1);      // 25 sq deg
        assertThat(PollingPolicy.creditsPerRequest(box(5, 5.1))).isEqualTo(2);
        assertThat(PollingPolicy.creditsPerRequest(box(10, 10))).isEqualTo(2);    // 100 sq deg
        assertThat(PollingPolicy.creditsPerRequest(box(10, 10.5))).isEqualTo(3);
        assertThat(PollingPolicy.creditsPerRequest(box(20, 20))).isEqualTo(3);    // 400 sq deg
        assertThat(PollingPolicy.creditsPerRequest(box(20, 20.5))).isEqualTo(4);
        assertThat(PollingPolicy.creditsPerRequest(null)).isEqualTo(4);           // the whole world
    }

    @Test
    void theDullesBoxCostsOneCredit() {
        assertThat(PollingPolicy.creditsPerRequest(OpenSkyLiveFeedTest.DULLES)).isEqualTo(1);
    }

    @Test
    void theDailyBudgetIsSpreadEvenlyOverTheDay() {
        // anonymous, small box: 400 credits / 1 credit = 400 polls a day, one every 216 s
        assertThat(anonymous(1, 400).pollInterval()).isEqualTo(Duration.ofSeconds(216));
        // authenticated, small box: 4000 polls a day, one every 21.6 s
        assertThat(authenticated(1, 4000).pollInterval()).isEqualTo(Duration.ofMillis(21_600));
        // anonymous, whole world: 100 polls a day
        assertThat(anonymous(4, 400).pollInterval()).isEqualTo(Duration.ofSeconds(864));
        // authenticated, 3-credit box
        assertThat(authenticated(3, 4000).pollInterval()).isEqualTo(Duration.ofMillis(64_800));
    }

    @Test
    void aGenerousBudgetNeverPollsFasterThanOpenSkyRefreshes() {
        assertThat(anonymous(1, 1_000_000).pollInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(authenticated(1, 1_000_000).pollInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void anIntervalThatDoesNotDivideEvenlyIsRoundedUpSoTheBudgetIsNeverExceeded() {
        // 86 400 000 ms / 7 = 12 342 857.14... ms
        assertThat(authenticated(1, 7).pollInterval()).isEqualTo(Duration.ofMillis(12_342_858));
    }

    @Test
    void theIntervalFollowsTheConfiguration() {
        var anonymousWorld = new OpenSkyLiveProperties(true, OpenSkyLiveProperties.DEFAULT_BASE_URL, OpenSkyLiveProperties.DEFAULT_TOKEN_URI,
                null, null, null, null, FIVE_MINUTES, Duration.ofSeconds(30));
        var authenticatedBox = new OpenSkyLiveProperties(true, OpenSkyLiveProperties.DEFAULT_BASE_URL, OpenSkyLiveProperties.DEFAULT_TOKEN_URI,
                "id", "secret", box(10, 10), null, FIVE_MINUTES, Duration.ofSeconds(30));
        var ownBudget = new OpenSkyLiveProperties(true, OpenSkyLiveProperties.DEFAULT_BASE_URL, OpenSkyLiveProperties.DEFAULT_TOKEN_URI,
                "id", "secret", box(10, 10), 8000, FIVE_MINUTES, Duration.ofSeconds(30));

        assertThat(PollingPolicy.of(anonymousWorld).pollInterval()).isEqualTo(Duration.ofSeconds(864));
        assertThat(PollingPolicy.of(authenticatedBox).pollInterval()).isEqualTo(Duration.ofMillis(43_200));
        assertThat(PollingPolicy.of(ownBudget).pollInterval()).isEqualTo(Duration.ofMillis(21_600));
    }

    @Test
    void failuresDoubleTheWaitUpToTheCapAndASuccessStartsOver() {
        PollingPolicy policy = authenticated(1, 1_000_000, Duration.ofSeconds(60));

        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            delays.add(policy.afterFailure());
        }
        delays.add(policy.afterSuccess());
        delays.add(policy.afterFailure());

        assertThat(delays).containsExactly(seconds(10), seconds(20), seconds(40), seconds(60), seconds(60), seconds(60),
                seconds(5), seconds(10));
    }

    @Test
    void backingOffNeverPollsFasterThanTheBudgetAllows() {
        // The budget asks for 216 s between polls; a 60 s cap must not make a failing feed poll more often than that.
        PollingPolicy policy = anonymous(1, 400, Duration.ofSeconds(60));

        assertThat(policy.afterFailure()).isEqualTo(seconds(216));
        assertThat(policy.afterFailure()).isEqualTo(seconds(216));
    }

    @Test
    void manyFailuresInARowDoNotOverflow() {
        PollingPolicy policy = authenticated(1, 1_000_000, Duration.ofHours(1));

        Duration last = Duration.ZERO;
        for (int i = 0; i < 1000; i++) {
            last = policy.afterFailure();
        }

        assertThat(last).isEqualTo(Duration.ofHours(1));
        assertThat(policy.consecutiveFailures()).isEqualTo(1000);
    }

    @Test
    void aRateLimitWaitsExactlyAsLongAsOpenSkySaysEvenBeyondTheCap() {
        PollingPolicy policy = authenticated(1, 1_000_000, Duration.ofSeconds(60));

        assertThat(policy.afterRateLimited(seconds(7))).isEqualTo(seconds(7));
        assertThat(policy.afterRateLimited(Duration.ofHours(11))).isEqualTo(Duration.ofHours(11));
        assertThat(policy.consecutiveFailures()).isZero();
    }

    @Test
    void aRateLimitShorterThanTheIntervalWaitsTheInterval() {
        PollingPolicy policy = authenticated(1, 1_000_000, Duration.ofSeconds(60));

        assertThat(policy.afterRateLimited(seconds(2))).isEqualTo(seconds(5));
    }

    @Test
    void aRateLimitWithoutRetryAfterBacksOffLikeAFailure() {
        PollingPolicy policy = authenticated(1, 1_000_000, Duration.ofSeconds(60));

        assertThat(policy.afterRateLimited(null)).isEqualTo(seconds(10));
        assertThat(policy.afterRateLimited(null)).isEqualTo(seconds(20));
    }

    @Test
    void retryAfterSecondsAreReadAsOpenSkyWritesThem() {
        assertThat(OpenSkyLiveFeed.seconds("7")).isEqualTo(seconds(7));
        assertThat(OpenSkyLiveFeed.seconds(" 41234 ")).isEqualTo(seconds(41234));
        assertThat(OpenSkyLiveFeed.seconds("2.1")).isEqualTo(Duration.ofMillis(2100));
        assertThat(OpenSkyLiveFeed.seconds("soon")).isNull();
        assertThat(OpenSkyLiveFeed.seconds(null)).isNull();
    }

    @Test
    void creditsMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PollingPolicy(seconds(5), 1, 0, FIVE_MINUTES));
    }

    private static PollingPolicy anonymous(int creditsPerRequest, int dailyCredits) {
        return anonymous(creditsPerRequest, dailyCredits, FIVE_MINUTES);
    }

    private static PollingPolicy anonymous(int creditsPerRequest, int dailyCredits, Duration maxBackoff) {
        return new PollingPolicy(PollingPolicy.ANONYMOUS_RESOLUTION, creditsPerRequest, dailyCredits, maxBackoff);
    }

    private static PollingPolicy authenticated(int creditsPerRequest, int dailyCredits) {
        return authenticated(creditsPerRequest, dailyCredits, FIVE_MINUTES);
    }

    private static PollingPolicy authenticated(int creditsPerRequest, int dailyCredits, Duration maxBackoff) {
        return new PollingPolicy(PollingPolicy.AUTHENTICATED_RESOLUTION, creditsPerRequest, dailyCredits, maxBackoff);
    }

    /** A box of the given spans, in degrees, with its south-west corner where the equator meets the prime meridian. */
    private static BoundingBox box(double latitudeSpan, double longitudeSpan) {
        return new BoundingBox(0.0, 0.0, latitudeSpan, longitudeSpan);
    }

    private static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }
}
