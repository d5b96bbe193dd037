package dev.contrail.infrastructure.flighttracking.live;

import dev.contrail.infrastructure.flighttracking.live.OpenSkyLiveProperties.BoundingBox;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

/**
 * Asks OpenSky's {@code GET /states/all} for the configured airspace and hands back the answer as it came, whatever
 * its status: deciding what a 429 or a 503 means is the feed's job, not an exception's.
 *
 * <p>With a client id, every request carries a bearer token from OpenSky's token endpoint (OAuth2 client
 * credentials). Spring Security's OAuth2 client fetches it on the first request, keeps it while it is valid (30 min
 * at OpenSky, renewed a minute early) and drops it when OpenSky answers 401, so the next poll fetches a fresh one.
 * Without a client id the requests go anonymous.
 */
final class OpenSkyStatesClient {

    static final String REGISTRATION_ID = "opensky";
    /**
     * Whom the token is held for. It is a machine-to-machine grant, so there is no user: a fixed principal keeps the
     * token out of any security context of the thread that happens to poll.
     */
    private static final Authentication FEED = new AnonymousAuthenticationToken("contrail-opensky-live",
            "contrail-opensky-live", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

    private final RestClient restClient;
    private final @Nullable BoundingBox boundingBox;

    /** One answer of {@code /states/all}: status, the rate-limit headers, and the body exactly as received. */
    record StatesResponse(HttpStatusCode status, @Nullable String retryAfterSeconds, @Nullable String remainingCredits,
                          byte[] body) {
    }

    OpenSkyStatesClient(RestClient restClient, @Nullable BoundingBox boundingBox) {
        this.restClient = restClient;
        this.boundingBox = boundingBox;
    }

    /**
     * Fetches one snapshot.
     *
     * @throws org.springframework.web.client.ResourceAccessException on I/O errors (connection refused, timeout)
     * @throws org.springframework.security.oauth2.core.OAuth2AuthorizationException when no access token could be had
     */
    StatesResponse fetchStates() {
        return restClient.get()
                .uri(uri -> {
                    uri.path("/states/all");
                    if (boundingBox != null) {
                        uri.queryParam("lamin", degrees(boundingBox.lamin()))
                                .queryParam("lomin", degrees(boundingBox.lomin()))
                                .queryParam("lamax", degrees(boundingBox.lamax()))
                                .queryParam("lomax", degrees(boundingBox.lomax()));
                    }
                    // The 18th field, the aircraft category, only comes with extended=1; it costs no extra credit.
                    return uri.queryParam("extended", 1).build();
                })
                .accept(MediaType.APPLICATION_JSON)
                .exchange((request, response) -> new StatesResponse(
                        response.getStatusCode(),
                        response.getHeaders().getFirst(OpenSkyLiveFeed.RETRY_AFTER_SECONDS_HEADER),
                        response.getHeaders().getFirst(OpenSkyLiveFeed.REMAINING_CREDITS_HEADER),
                        response.getBody().readAllBytes()));
    }

    /** Plain decimal notation: {@code Double.toString} would write a small coordinate as {@code 1.0E-4}. */
    private static String degrees(double value) {
        return BigDecimal.valueOf(value).toPlainString();
    }

    static OpenSkyStatesClient create(OpenSkyLiveProperties properties, Clock clock) {
        JdkClientHttpRequestFactory requests = requestFactory(properties.requestTimeout());
        RestClient.Builder builder = RestClient.builder()
                .baseUrl(properties.baseUrl())
                .requestFactory(requests)
                .defaultHeader("User-Agent", "Contrail (OpenSky live feed)");
        if (properties.authenticated()) {
            builder.requestInterceptor(bearerTokens(properties, requests, clock));
        }
        return new OpenSkyStatesClient(builder.build(), properties.boundingBox());
    }

    private static JdkClientHttpRequestFactory requestFactory(Duration timeout) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(timeout);
        // A global snapshot is megabytes of JSON; ask for it compressed.
        factory.enableCompression(true);
        return factory;
    }

    /**
     * Spring Security's client credentials support, assembled by hand rather than by Boot's OAuth2 client starter:
     * the starter would also switch on Boot's web security and lock down the GraphQL endpoint. Nothing here is a
     * bean, so no other part of the application sees (or picks up) this client registration.
     */
    private static OAuth2ClientHttpRequestInterceptor bearerTokens(OpenSkyLiveProperties properties,
                                                                   JdkClientHttpRequestFactory requests, Clock clock) {
        ClientRegistration opensky = ClientRegistration.withRegistrationId(REGISTRATION_ID)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                // OpenSky documents the credentials as form fields of the token request.
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .clientId(properties.clientId())
                .clientSecret(properties.clientSecret())
                .tokenUri(properties.tokenUri())
                .build();
        var registrations = new InMemoryClientRegistrationRepository(opensky);
        var authorizedClients = new InMemoryOAuth2AuthorizedClientService(registrations);

        // The token request gets the same timeouts as the data requests: a hung token endpoint must not stall the feed.
        var tokenResponses = new RestClientClientCredentialsTokenResponseClient();
        tokenResponses.setRestClient(RestClient.builder()
                .requestFactory(requests)
                .configureMessageConverters(converters -> converters
                        .addCustomConverter(new FormHttpMessageConverter())
                        .addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build());

        var manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, authorizedClients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .clientCredentials(clientCredentials -> clientCredentials
                        .accessTokenResponseClient(tokenResponses)
                        .clock(clock))
                .build());

        var interceptor = new OAuth2ClientHttpRequestInterceptor(manager);
        interceptor.setClientRegistrationIdResolver(request -> REGISTRATION_ID);
        interceptor.setPrincipalResolver(request -> FEED);
        // A 401 means OpenSky no longer accepts the token (revoked, or expired early): forget it, fetch a new one next poll.
        interceptor.setAuthorizationFailureHandler(OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(authorizedClients));
        return interceptor;
    }
}
