package dev.contrail.infrastructure.flighttracking.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The recorded capture that Contrail replays into the raw topic.
 *
 * @param enabled  replay at start-up
 * @param location Spring resource patterns (comma-separated) of the {@code /states/all} response files, e.g.
 *                 {@code file:/data/capture/*.json}; none by default (the demo: its bundled IAD capture, ADR 0038);
 *                 required when enabled
 * @param speed    how many times faster than real time; 0 or less replays as fast as possible
 * @param loop     start again after the last snapshot, with times moved on so the flights stay live
 */
@ConfigurationProperties("contrail.capture")
public record CaptureProperties(boolean enabled, String location, double speed, boolean loop) {

    public CaptureProperties {
        if (enabled && (location == null || location.isBlank())) {
            throw new IllegalArgumentException("contrail.capture.enabled is true and contrail.capture.location is not set: "
                    + "give the capture's files as Spring resource patterns, e.g. file:/data/capture/*.json");
        }
    }
}
