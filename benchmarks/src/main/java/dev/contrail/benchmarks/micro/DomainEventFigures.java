package dev.contrail.benchmarks.micro;

import java.util.Locale;

/**
 * What one case of {@link DomainEventsMeasurement} did in its measured time, and the figures derived from it.
 *
 * @param events      rows the case added to {@code domain_event_entry}
 * @param commands    commands the case sent (and had handled)
 * @param seconds     wall-clock seconds from the first command sent to the last one committed
 * @param clientCpuMs CPU of this JVM (all its threads) over those seconds
 * @param serverCpuMs CPU of the PostgreSQL server (postmaster, backends, background processes) over those seconds
 */
record DomainEventFigures(String name, long events, long commands, double seconds, double clientCpuMs, double serverCpuMs) {

    double eventsPerSecond() {
        return events / seconds;
    }

    double commandsPerSecond() {
        return commands / seconds;
    }

    double clientMsPerThousandEvents() {
        return perThousand(clientCpuMs, events);
    }

    double serverMsPerThousandEvents() {
        return perThousand(serverCpuMs, events);
    }

    /** {@code after} over {@code before}: NaN when there is nothing to divide by. */
    static double ratio(double after, double before) {
        return before == 0 || Double.isNaN(before) || Double.isNaN(after) ? Double.NaN : after / before;
    }

    private static double perThousand(double ms, long events) {
        return events == 0 ? Double.NaN : ms / (events / 1000.0);
    }

    /** The Markdown table: the plain loop, Contrail's way, and the second over the first. */
    static String table(DomainEventFigures plain, DomainEventFigures batched) {
        StringBuilder table = new StringBuilder();
        table.append("| case | domain events/s | commands/s | client CPU ms per 1,000 events | PostgreSQL CPU ms per 1,000 events | events stored |\n");
        table.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (DomainEventFigures figures : new DomainEventFigures[] {plain, batched}) {
            table.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %.1f | %.1f | %,d |%n", figures.name(), figures.eventsPerSecond(),
                    figures.commandsPerSecond(), figures.clientMsPerThousandEvents(), figures.serverMsPerThousandEvents(), figures.events()));
        }
        table.append(String.format(Locale.ROOT, "| (b)/(a) | %s | %s | %s | %s | |%n",
                times(ratio(batched.eventsPerSecond(), plain.eventsPerSecond())),
                times(ratio(batched.commandsPerSecond(), plain.commandsPerSecond())),
                percent(ratio(batched.clientMsPerThousandEvents(), plain.clientMsPerThousandEvents())),
                percent(ratio(batched.serverMsPerThousandEvents(), plain.serverMsPerThousandEvents()))));
        return table.toString();
    }

    /** A ratio as a factor: {@code 7.3×}. */
    static String times(double ratio) {
        return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.1f×", ratio);
    }

    /** A ratio as a share of the first: {@code 14 %}. */
    static String percent(double ratio) {
        return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.0f %%", ratio * 100);
    }
}
