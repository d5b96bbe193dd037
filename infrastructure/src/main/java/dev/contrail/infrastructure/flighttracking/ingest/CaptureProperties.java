package dev.contrail.infrastructure.flighttracking.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The recorded capture that Contrail replays into the raw topic.
 *
 * @param enabled  replay at start-up
 * @param location Spring resource patterns (comma-separated) of the {@code /states/all} response files, e.g.
 *                 {@code file:/data/capture/*.json}; the bundled IAD capture by default
 * @param speed    how many times faster than real time; 0 or less replays as fast as possible
 * @param loop     start again after the last snapshot, with times moved on so the flights stay live
 */
@ConfigurationProperties("contrail.capture")
public record CaptureProperties(boolean enabled, String location, double speed, boolean loop) {
}
