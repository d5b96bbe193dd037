package dev.contrail.readmodels.flighttracking;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bounds the queries refuse before they touch the database; the computation is checked against PostgreSQL in the api ITs. */
class TrafficStatsQueriesTest {

    private final TrafficStatsQueries queries = new TrafficStatsQueries(null, Clock.systemUTC());

    @Test
    void refusesAWindowShorterThanAMinute() {
        assertThatIllegalArgumentException().isThrownBy(() -> queries.stats(Duration.ofSeconds(59), 5))
                .withMessage("the window must be within [PT1M, PT24H], was PT59S");
    }

    @Test
    void refusesAWindowLongerThanADay() {
        assertThatIllegalArgumentException().isThrownBy(() -> queries.stats(Duration.ofHours(24).plusSeconds(1), 5))
                .withMessage("the window must be within [PT1M, PT24H], was PT24H1S");
    }

    @Test
    void refusesANegativeWindow() {
        assertThatIllegalArgumentException().isThrownBy(() -> queries.stats(Duration.ofMinutes(-5), 5));
    }

    @Test
    void refusesATopOutsideOneToFifty() {
        assertThatIllegalArgumentException().isThrownBy(() -> queries.stats(Duration.ofMinutes(5), 0))
                .withMessage("top must be within [1, 50], was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> queries.stats(Duration.ofMinutes(5), 51))
                .withMessage("top must be within [1, 50], was 51");
    }
}
