package dev.contrail.projections;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How projections are rebuilt (ADR 0010).
 *
 * @param switchOverMaxLag a rebuilt generation takes over once it has processed everything its topics held when it
 *                         started and is at most this many records behind their ends (live traffic keeps arriving)
 * @param progressInterval how often offsets are read to report progress and lag, and to decide the switch-over
 * @param poolSize         JDBC connections of each generation's own pool
 */
@ConfigurationProperties("contrail.projections")
public record ProjectionsProperties(
        @DefaultValue("1000") long switchOverMaxLag,
        @DefaultValue("500ms") Duration progressInterval,
        @DefaultValue("2") int poolSize) {
}
