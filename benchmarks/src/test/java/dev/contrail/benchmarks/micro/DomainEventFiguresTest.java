package dev.contrail.benchmarks.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DomainEventFiguresTest {

    private final DomainEventFigures plain = new DomainEventFigures("(a)", 20_000, 19_000, 10, 12_000, 4_000);
    private final DomainEventFigures batched = new DomainEventFigures("(b)", 150_000, 150_000, 10, 30_000, 3_000);

    @Test
    void ratesArePerWallSecondAndCpuIsPerThousandEventsStored() {
        assertThat(plain.eventsPerSecond()).isEqualTo(2_000);
        assertThat(plain.commandsPerSecond()).isEqualTo(1_900);
        assertThat(plain.clientMsPerThousandEvents()).isEqualTo(600);
        assertThat(plain.serverMsPerThousandEvents()).isEqualTo(200);
        assertThat(batched.clientMsPerThousandEvents()).isEqualTo(200);
        assertThat(new DomainEventFigures("none", 0, 0, 1, 5, 5).clientMsPerThousandEvents()).isNaN();
    }

    @Test
    void theRatioIsTheSecondOverTheFirstAndUndefinedWithoutAFirst() {
        assertThat(DomainEventFigures.ratio(15_000, 2_000)).isCloseTo(7.5, within(1e-9));
        assertThat(DomainEventFigures.ratio(1, 0)).isNaN();
        assertThat(DomainEventFigures.ratio(Double.NaN, 2)).isNaN();
        assertThat(DomainEventFigures.times(7.46)).isEqualTo("7.5×");
        assertThat(DomainEventFigures.percent(0.333)).isEqualTo("33 %");
        assertThat(DomainEventFigures.times(Double.NaN)).isEqualTo("n/a");
    }

    @Test
    void theTableShowsBothCasesAndTheirRatio() {
        assertThat(DomainEventFigures.table(plain, batched).lines().toList()).containsExactly(
                "| case | domain events/s | commands/s | client CPU ms per 1,000 events | PostgreSQL CPU ms per 1,000 events | events stored |",
                "| --- | ---: | ---: | ---: | ---: | ---: |",
                "| (a) | 2,000 | 1,900 | 600.0 | 200.0 | 20,000 |",
                "| (b) | 15,000 | 15,000 | 200.0 | 20.0 | 150,000 |",
                "| (b)/(a) | 7.5× | 7.9× | 33 % | 10 % | |");
    }
}
