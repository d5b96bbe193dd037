package dev.contrail.infrastructure.flighttracking.live;

import dev.contrail.infrastructure.flighttracking.live.OpenSkyLiveProperties.BoundingBox;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * When to ask OpenSky for the next snapshot. Pure: it only turns what happened into the delay before the next
 * poll, so the feed's timing can be tested without a clock or a sleep.
 *
 * <ul>
 *   <li><b>Normal interval</b>: OpenSky refreshes state vectors every 10 s for anonymous and every 5 s for
 *       authenticated clients, so polling faster only returns the same snapshot. It also bills every request by
 *       the area asked for, out of a daily allowance; the feed spreads the allowance evenly over the day, so the
 *       interval is {@code max(resolution, 1 day × credits per request / daily credits)} and the feed never runs
 *       dry before midnight.</li>
 *   <li><b>Rate limited (HTTP 429)</b>: OpenSky says how long until credits come back; wait that long, however
 *       long it is (a cap would only spend more refused requests).</li>
 *   <li><b>Failures</b> (5xx, I/O errors, unreadable answers): double the wait after every consecutive failure,
 *       starting from the normal interval, up to {@code maxBackoff}; never poll faster than the budget allows. A
 *       success returns to the normal interval.</li>
 * </ul>
 *
 * <p>Not thread-safe: the feed polls from a single thread.
 */
final class PollingPolicy {

    static final Duration ANONYMOUS_RESOLUTION = Duration.ofSeconds(10);
    static final Duration AUTHENTICATED_RESOLUTION = Duration.ofSeconds(5);
    /** OpenSky's price of a request without a bounding box, or with one above 400 square degrees. */
    static final int GLOBAL_CREDITS = 4;
    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();
    /** 2^16 × even a 1 s interval is beyond any sensible cap; stops the shift from overflowing. */
    private static final int MAX_DOUBLINGS = 16;

    private final Duration pollInterval;
    private final Duration maxBackoff;
    private final int creditsPerRequest;
    private int consecutiveFailures;

    PollingPolicy(Duration resolution, int creditsPerRequest, int dailyCredits, Duration maxBackoff) {
        if (creditsPerRequest < 1 || dailyCredits < 1) {
            throw new IllegalArgumentException("credits must be positive, were " + creditsPerRequest + " per request and "
                    + dailyCredits + " a day");
        }
        this.creditsPerRequest = creditsPerRequest;
        // Round up: rounding down would overspend the budget by a few requests a day.
        long budgetMillis = (DAY_MILLIS * creditsPerRequest + dailyCredits - 1) / dailyCredits;
        this.pollInterval = max(resolution, Duration.ofMillis(budgetMillis));
        this.maxBackoff = max(maxBackoff, pollInterval);
    }

    static PollingPolicy of(OpenSkyLiveProperties properties) {
        return new PollingPolicy(properties.authenticated() ? AUTHENTICATED_RESOLUTION : ANONYMOUS_RESOLUTION,
                creditsPerRequest(properties.boundingBox()), properties.dailyCreditBudget(), properties.maxBackoff());
    }

    /** What OpenSky charges for one {@code /states/all} request over this box (null: the whole world). */
    static int creditsPerRequest(@Nullable BoundingBox box) {
        if (box == null) {
            return GLOBAL_CREDITS;
        }
        double area = box.areaSquareDegrees();
        if (area <= 25) {
            return 1;
        }
        if (area <= 100) {
            return 2;
        }
        if (area <= 400) {
            return 3;
        }
        return GLOBAL_CREDITS;
    }

    /** The delay between two successful polls: the resolution, or slower if the credit budget requires. */
    Duration pollInterval() {
        return pollInterval;
    }

    int creditsPerRequest() {
        return creditsPerRequest;
    }

    int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** OpenSky answered with a snapshot: back to the normal rhythm. */
    Duration afterSuccess() {
        consecutiveFailures = 0;
        return pollInterval;
    }

    /**
     * OpenSky refused the request for lack of credits. With its retry-after, wait exactly that long (but never less
     * than the normal interval); without it, back off as after a failure.
     */
    Duration afterRateLimited(@Nullable Duration retryAfter) {
        if (retryAfter == null || retryAfter.isNegative()) {
            return afterFailure();
        }
        return max(retryAfter, pollInterval);
    }

    /** The request failed (server error, network, unreadable answer): wait twice as long as last time, up to the cap. */
    Duration afterFailure() {
        consecutiveFailures++;
        Duration doubled = pollInterval.multipliedBy(1L << Math.min(consecutiveFailures, MAX_DOUBLINGS));
        return doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
