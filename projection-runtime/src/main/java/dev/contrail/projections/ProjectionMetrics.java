package dev.contrail.projections;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The projections' meters (ADR 0010): {@code contrail.projection.lag{projection,generation=serving|rebuilding}},
 * {@code contrail.projection.rebuild.events.done}, {@code …total}, {@code …rate} (NaN while nothing rebuilds) and
 * {@code contrail.projection.rebuilds{projection,outcome=switched|failed|cancelled}}.
 */
final class ProjectionMetrics {

    private final MeterRegistry meters;

    ProjectionMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void register(RunningProjection projection) {
        String name = projection.name();
        Gauge.builder("contrail.projection.lag", projection, p -> p.serving == null ? Double.NaN : p.serving.progress.lag())
                .description("Records of a projection's input topics its serving generation has not processed yet")
                .tags("projection", name, "generation", "serving").baseUnit("records").register(meters);
        Gauge.builder("contrail.projection.lag", projection, p -> p.rebuilding == null ? Double.NaN : p.rebuilding.progress.lag())
                .description("Records of a projection's input topics its rebuilding generation has not processed yet")
                .tags("projection", name, "generation", "rebuilding").baseUnit("records").register(meters);
        Gauge.builder("contrail.projection.rebuild.events.done", projection,
                        p -> p.rebuilding == null ? Double.NaN : p.rebuilding.progress.done())
                .description("Records a rebuild has processed of those its input topics held when it started")
                .tag("projection", name).baseUnit("records").register(meters);
        Gauge.builder("contrail.projection.rebuild.events.total", projection,
                        p -> p.rebuilding == null ? Double.NaN : p.rebuilding.progress.total())
                .description("Records a projection's input topics held when its rebuild started")
                .tag("projection", name).baseUnit("records").register(meters);
        Gauge.builder("contrail.projection.rebuild.rate", projection, p -> p.rebuilding == null ? Double.NaN : p.rebuilding.progress.rate())
                .description("Records per second a projection's rebuild processes")
                .tag("projection", name).baseUnit("records/s").register(meters);
    }

    /** Counts a rebuild that ended: {@code switched}, {@code failed} or {@code cancelled}. */
    void rebuildEnded(String projection, String outcome) {
        Counter.builder("contrail.projection.rebuilds").description("Projection rebuilds that ended, by outcome")
                .tags("projection", projection, "outcome", outcome).register(meters).increment();
    }
}
