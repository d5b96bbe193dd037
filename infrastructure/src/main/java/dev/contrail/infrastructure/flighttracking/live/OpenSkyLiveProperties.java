package dev.contrail.infrastructure.flighttracking.live;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The live OpenSky feed: polls {@code GET /states/all} and sends what it hears to the raw topic, exactly like the
 * capture replay.
 *
 * @param enabled        poll OpenSky at start-up; off by default so that the demo and the tests never touch the
 *                       network
 * @param baseUrl        OpenSky's REST API root; {@code /states/all} is appended
 * @param tokenUri       OpenSky's OAuth2 token endpoint (client credentials grant)
 * @param clientId       OpenSky API client id; blank or absent means anonymous access (10 s resolution, fewer credits)
 * @param clientSecret   its secret, required when {@code clientId} is set
 * @param boundingBox    the airspace to watch; absent means the whole world (the most expensive request)
 * @param dailyCredits   OpenSky API credits this feed may spend a day; absent means OpenSky's standard allowance
 *                       (400 anonymous, 4000 authenticated). The poll interval is derived from it
 * @param maxBackoff     the longest wait between retries after server or network errors (never shorter than the
 *                       poll interval the credit budget allows)
 * @param requestTimeout connect and read timeout of one request, so a hung connection cannot stall the feed
 */
@ConfigurationProperties("contrail.opensky.live")
public record OpenSkyLiveProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue(DEFAULT_BASE_URL) String baseUrl,
        @DefaultValue(DEFAULT_TOKEN_URI) String tokenUri,
        @Nullable String clientId,
        @Nullable String clientSecret,
        @Nullable BoundingBox boundingBox,
        @Nullable Integer dailyCredits,
        @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue("30s") Duration requestTimeout) {

    public static final String DEFAULT_BASE_URL = "https://opensky-network.org/api";
    public static final String DEFAULT_TOKEN_URI =
            "https://auth.opensky-network.org/auth/realms/opensky-network/protocol/openid-connect/token";
    /** OpenSky's standard daily allowance of API credits for anonymous clients. */
    public static final int ANONYMOUS_DAILY_CREDITS = 400;
    /** OpenSky's standard daily allowance of API credits for registered API clients. */
    public static final int AUTHENTICATED_DAILY_CREDITS = 4000;

    public OpenSkyLiveProperties {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("contrail.opensky.live.base-url must be set");
        }
        if (dailyCredits != null && dailyCredits < 1) {
            throw new IllegalArgumentException("contrail.opensky.live.daily-credits must be at least 1, was " + dailyCredits);
        }
        if (maxBackoff == null || maxBackoff.isNegative() || maxBackoff.isZero()) {
            throw new IllegalArgumentException("contrail.opensky.live.max-backoff must be positive, was " + maxBackoff);
        }
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("contrail.opensky.live.request-timeout must be positive, was " + requestTimeout);
        }
        // A blank id is what an unset ${OPENSKY_CLIENT_ID:} placeholder gives: anonymous, not a half configuration.
        boolean hasClientId = clientId != null && !clientId.isBlank();
        if (hasClientId && (clientSecret == null || clientSecret.isBlank())) {
            throw new IllegalArgumentException("contrail.opensky.live.client-secret must be set when client-id is");
        }
        if (hasClientId && (tokenUri == null || tokenUri.isBlank())) {
            throw new IllegalArgumentException("contrail.opensky.live.token-uri must be set when client-id is");
        }
    }

    /** Whether requests carry an OAuth2 access token (client credentials) rather than going anonymous. */
    public boolean authenticated() {
        return clientId != null && !clientId.isBlank();
    }

    /** The daily credit budget: as configured, or OpenSky's standard allowance for this kind of access. */
    public int dailyCreditBudget() {
        if (dailyCredits != null) {
            return dailyCredits;
        }
        return authenticated() ? AUTHENTICATED_DAILY_CREDITS : ANONYMOUS_DAILY_CREDITS;
    }

    /** Keeps the client secret out of logs and error messages. */
    @Override
    public String toString() {
        return "OpenSkyLiveProperties[enabled=" + enabled + ", baseUrl=" + baseUrl + ", tokenUri=" + tokenUri
                + ", clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? null : "******")
                + ", boundingBox=" + boundingBox + ", dailyCredits=" + dailyCredits + ", maxBackoff=" + maxBackoff
                + ", requestTimeout=" + requestTimeout + "]";
    }

    /**
     * The airspace to watch, in WGS84 decimal degrees, named as OpenSky's query parameters. OpenSky does not wrap
     * around the antimeridian, so {@code lomin} must be west of {@code lomax}.
     */
    public record BoundingBox(Double lamin, Double lomin, Double lamax, Double lomax) {

        public BoundingBox {
            if (lamin == null || lomin == null || lamax == null || lomax == null) {
                throw new IllegalArgumentException("contrail.opensky.live.bounding-box needs all of lamin, lomin, lamax and lomax, was "
                        + "lamin=" + lamin + ", lomin=" + lomin + ", lamax=" + lamax + ", lomax=" + lomax);
            }
            if (lamin < -90 || lamax > 90 || lamin >= lamax) {
                throw new IllegalArgumentException("contrail.opensky.live.bounding-box needs -90 <= lamin < lamax <= 90, was lamin="
                        + lamin + ", lamax=" + lamax);
            }
            if (lomin < -180 || lomax > 180 || lomin >= lomax) {
                throw new IllegalArgumentException("contrail.opensky.live.bounding-box needs -180 <= lomin < lomax <= 180, was lomin="
                        + lomin + ", lomax=" + lomax);
            }
        }

        /** The area OpenSky bills by: latitude span × longitude span, in square degrees. */
        public double areaSquareDegrees() {
            return (lamax - lamin) * (lomax - lomin);
        }
    }
}
