package dev.contrail.infrastructure.flighttracking.refinement;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How refinement smooths each aircraft's observations (ADR 0007), under {@code contrail.refinement.*}.
 *
 * @param stalePositionAfter   a position older than this when the aircraft was last heard from is dropped: ground
 *                             transponders keep sending minutes-old positions with fresh contacts
 * @param settleTime           after the ground state changed, a change back within this time must be seen twice in a
 *                             row: that is what a flicker looks like
 * @param keepAliveInterval    an aircraft that reports nothing new is still forwarded this often, so that downstream
 *                             knows it is still heard from
 * @param minTakeOffSpeedMps   leaving the ground slower than this is not believed (taxiing aircraft flicker airborne)
 * @param maxTouchdownSpeedMps touching down faster than this is not believed (cruising aircraft flicker on ground)
 */
@ConfigurationProperties("contrail.refinement")
public record RefinementSettings(
        @DefaultValue("60s") Duration stalePositionAfter,
        @DefaultValue("30s") Duration settleTime,
        @DefaultValue("60s") Duration keepAliveInterval,
        @DefaultValue("30.0") double minTakeOffSpeedMps,
        @DefaultValue("100.0") double maxTouchdownSpeedMps) {

    /** Defaults fitted to OpenSky's 5–10 s resolution and airliner speeds (rotation ~70 m/s, touchdown ~65 m/s). */
    public static RefinementSettings defaults() {
        return new RefinementSettings(Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(60), 30.0, 100.0);
    }
}
