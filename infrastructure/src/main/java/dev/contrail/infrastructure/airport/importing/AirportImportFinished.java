package dev.contrail.infrastructure.airport.importing;

/**
 * Published when the import that runs at start-up has finished, successfully or not ({@code report} null then):
 * the movement intake waits for it, so that it attributes movements against every airport (ADR 0012).
 */
public record AirportImportFinished(AirportImporter.Report report) {
}
