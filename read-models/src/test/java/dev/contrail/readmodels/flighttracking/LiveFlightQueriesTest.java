package dev.contrail.readmodels.flighttracking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LiveFlightQueriesTest {

    @Test
    void aCallsignPrefixMatchesTheStartOfCallsigns() {
        assertThat(LiveFlightQueries.likePrefix("NKS")).isEqualTo("NKS%");
    }

    @Test
    void theWildcardsOfACallsignPrefixAreTakenLiterally() {
        assertThat(LiveFlightQueries.likePrefix("N%_\\")).isEqualTo("N\\%\\_\\\\%");
    }
}
