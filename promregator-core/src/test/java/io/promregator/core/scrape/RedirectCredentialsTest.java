package io.promregator.core.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promregator.core.ScrapeResult;
import io.promregator.core.ScrapeResult.Outcome;
import io.promregator.core.Target;
import io.promregator.core.auth.Authenticators;
import io.promregator.core.auth.ClientCredentialsAuthenticator;
import io.promregator.core.auth.TargetAuthenticator;
import io.promregator.core.exposition.Labels;
import io.promregator.core.testing.TestCertificates;
import io.promregator.core.testing.TestEndpoints;
import io.promregator.core.testing.TestEndpoints.RecordedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An app that answers a scrape with a redirect elsewhere must not receive what the aggregator sends to its
 * targets: a capturing server on another port (another origin) asserts that nothing arrived there.
 */
class RedirectCredentialsTest {
    private static final String BASIC =
            "Basic " + Base64.getEncoder().encodeToString("promregator:global-secret".getBytes());
    private static final String BEARER = "Bearer eyJ.token-for-targets.sig";
    private static final Map<String, String> HEADERS = Map.of(
            "X-CF-APP-INSTANCE", "6e1b2a7c-0000-4000-8000-000000000001:0",
            "X-Api-Key", "configured-header-secret");
    private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final TestEndpoints target = new TestEndpoints();
    private final TestEndpoints capture = new TestEndpoints();
    private HttpClientScraper scraper;

    @AfterEach
    void close() {
        if (scraper != null) {
            scraper.close();
        }
        target.close();
        capture.close();
    }

    private ScrapeResult scrape(URI url, String authorization) {
        return scrape(url, authorization, Optional.empty());
    }

    private ScrapeResult scrape(URI url, String authorization, Optional<SSLContext> tls) {
        TargetAuthenticator authenticator = new TargetAuthenticator() {
            @Override
            public CompletableFuture<Optional<String>> authorization() {
                return CompletableFuture.completedFuture(Optional.of(authorization));
            }

            @Override
            public Optional<SSLContext> tls() {
                return tls;
            }
        };
        scraper = new HttpClientScraper(
                ScrapeSettings.defaults().withInstanceId("aggregator-0"), new Authenticators(authenticator, Map.of()));
        return scraper.scrape(new Target("app:0", url, Labels.of("app_name", "app"), HEADERS))
                .join();
    }

    private static TestEndpoints.Responder redirect(int status, String location) {
        return exchange -> {
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(status, -1);
        };
    }

    private URI captured() {
        return capture.serve("/captured", TestEndpoints.body(TEXT, "captured 1\n"));
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void aRedirectToAnotherPortIsNotFollowedAndCarriesNoBasicCredentialsThere(int status) {
        URI elsewhere = captured();
        URI url = target.serve("/metrics", redirect(status, elsewhere.toString()));

        ScrapeResult result = scrape(url, BASIC);

        assertThat(result.outcome()).isEqualTo(Outcome.REDIRECT);
        assertThat(result.failure())
                .startsWith("HTTP " + status + " redirect to another origin not followed: " + elsewhere);
        assertThat(capture.requests()).isEmpty();
        assertThat(target.requests()).hasSize(1);
    }

    @Test
    void aBearerTokenAndConfiguredHeadersStayWithTheTargetsOrigin() {
        URI url = target.serve("/metrics", redirect(302, captured().toString()));

        ScrapeResult result = scrape(url, BEARER);

        assertThat(result.outcome()).isEqualTo(Outcome.REDIRECT);
        assertThat(capture.requests()).isEmpty();
        RecordedRequest sent = target.requests().get(0);
        assertThat(sent.headers().getFirst("Authorization")).isEqualTo(BEARER);
        assertThat(sent.headers().getFirst("X-Api-Key")).isEqualTo("configured-header-secret");
    }

    @Test
    void anotherHostNameOnTheSamePortIsAnotherOrigin() {
        URI elsewhere = URI.create("http://localhost:" + capture.port() + "/captured");
        captured();
        URI url = target.serve("/metrics", redirect(307, elsewhere.toString()));

        ScrapeResult result = scrape(url, BASIC);

        assertThat(result.outcome()).isEqualTo(Outcome.REDIRECT);
        assertThat(result.failure()).contains("http://localhost:" + capture.port() + "/captured");
        assertThat(capture.requests()).isEmpty();
    }

    @Test
    void aSameOriginRedirectIsFollowedWithEverythingTheTargetIsSent() {
        target.serve("/metrics/", TestEndpoints.body(TEXT, "up 1\n"));
        URI url = target.serve("/metrics", redirect(301, "/metrics/"));

        ScrapeResult result = scrape(url, BASIC);

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(target.requests()).extracting(r -> r.uri().getPath()).containsExactly("/metrics", "/metrics/");
        RecordedRequest followed = target.requests().get(1);
        assertThat(followed.headers().getFirst("Authorization")).isEqualTo(BASIC);
        assertThat(followed.headers().getFirst("X-CF-APP-INSTANCE")).isEqualTo(HEADERS.get("X-CF-APP-INSTANCE"));
        assertThat(followed.headers().getFirst("X-Promregator-Instance")).isEqualTo("aggregator-0");
    }

    @Test
    void aSameOriginHopThatThenLeavesTheOriginIsStoppedThere() {
        URI elsewhere = captured();
        target.serve("/moved", redirect(308, elsewhere.toString()));
        URI url = target.serve("/metrics", redirect(301, target.url("/moved").toString()));

        ScrapeResult result = scrape(url, BASIC);

        assertThat(result.outcome()).isEqualTo(Outcome.REDIRECT);
        assertThat(result.failure()).startsWith("HTTP 308 redirect to another origin not followed: " + elsewhere);
        assertThat(target.requests()).hasSize(2);
        assertThat(capture.requests()).isEmpty();
    }

    @Test
    void aRedirectLoopFailsTheTargetNamingTheLoop() {
        target.serve("/b", redirect(302, "/a"));
        URI url = target.serve("/a", redirect(302, "/b"));

        ScrapeResult result = scrape(url, BASIC);

        assertThat(result.outcome()).isEqualTo(Outcome.REDIRECT);
        assertThat(result.failure()).isEqualTo("HTTP 302 redirect loop: " + url + " was fetched before");
        assertThat(target.requests()).hasSize(2);
    }

    @Test
    void moreThanFiveRedirectsFailTheTarget() {
        for (int hop = 1; hop <= 7; hop++) {
            target.serve("/hop" + hop, redirect(307, "/hop" + (hop + 1)));
        }

        ScrapeResult result = scrape(target.url("/hop1"), BASIC);

        assertThat(result.outcome()).isEqualTo(Outcome.REDIRECT);
        assertThat(result.failure()).contains("more than 5 redirects");
        assertThat(target.requests()).hasSize(SameOriginRedirects.MAX_HOPS + 1);
    }

    @Test
    void aRedirectWithoutLocationIsARedirectFailure() {
        URI url = target.serve("/metrics", exchange -> exchange.sendResponseHeaders(302, -1));

        ScrapeResult result = scrape(url, BASIC);

        assertThat(result.outcome()).isEqualTo(Outcome.REDIRECT);
        assertThat(result.failure()).isEqualTo("HTTP 302 redirect without a Location header");
    }

    @Test
    void aRedirectToHttpsIsAnotherOriginAndSoIsTheWayBackToHttp() {
        var server = TestCertificates.server();
        try (TestEndpoints https = TestEndpoints.https(server.identity().serverContext(), false)) {
            URI backToHttp = captured();
            URI secure = https.serve("/metrics", redirect(301, backToHttp.toString()));
            // The scraper trusts the HTTPS server: were the redirect followed, the request would arrive.
            Optional<SSLContext> trusting = Optional.of(server.trustingContext());
            URI url = target.serve("/metrics", redirect(301, secure.toString()));

            ScrapeResult upgrade = scrape(url, BASIC, trusting);
            assertThat(upgrade.outcome()).isEqualTo(Outcome.REDIRECT);
            assertThat(upgrade.failure()).contains(secure.toString());
            assertThat(https.requests()).isEmpty();
            scraper.close();

            ScrapeResult downgrade = scrape(secure, BASIC, trusting);
            assertThat(downgrade.outcome()).isEqualTo(Outcome.REDIRECT);
            assertThat(downgrade.failure()).contains(backToHttp.toString());
            assertThat(https.requests()).hasSize(1);
            assertThat(capture.requests()).isEmpty();
        }
    }

    @Test
    void theFailureShowsNeitherUserInformationNorTheQueryOfTheLocation() {
        String location = "http://user:location-secret@127.0.0.1:" + capture.port() + "/captured?token=t0ps3cret";
        captured();
        URI url = target.serve("/metrics", redirect(302, location));

        ScrapeResult result = scrape(url, BASIC);

        assertThat(result.failure())
                .contains("http://xxxxx@127.0.0.1:" + capture.port() + "/captured?token=xxxxx")
                .doesNotContain("location-secret", "t0ps3cret");
        assertThat(capture.requests()).isEmpty();
    }

    @Test
    void aTokenServiceThatRedirectsIsNotFollowedWithTheClientSecret() {
        URI elsewhere = capture.serve("/oauth/token", TestEndpoints.body("application/json", "{}"));
        URI tokens = target.serve("/oauth/token", redirect(307, elsewhere.toString()));
        var authenticator = new ClientCredentialsAuthenticator(
                tokens, "scraper", "client-secret", "", HttpClient.newHttpClient(), Clock.systemUTC());

        assertThatThrownBy(() -> authenticator.authorization().join()).hasMessageContaining("HTTP 307");
        assertThat(capture.requests()).isEmpty();
    }

    @Test
    void aTokenServiceClientThatFollowsRedirectsIsRefused() {
        HttpClient following = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();

        assertThatThrownBy(() -> new ClientCredentialsAuthenticator(
                        target.url("/oauth/token"), "scraper", "client-secret", "", following, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not follow redirects");
    }

    @Test
    void aNonRedirectingThreeHundredStatusStaysAnHttpStatusFailure() {
        URI elsewhere = captured();
        URI url = target.serve("/metrics", exchange -> {
            exchange.getResponseHeaders().set("Location", elsewhere.toString());
            exchange.sendResponseHeaders(300, -1);
        });

        ScrapeResult result = scrape(url, BASIC);

        assertThat(result.outcome()).isEqualTo(Outcome.HTTP_STATUS);
        assertThat(capture.requests()).isEmpty();
    }
}
