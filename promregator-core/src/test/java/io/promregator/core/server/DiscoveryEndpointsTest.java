package io.promregator.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.DiscoveryControls;
import io.promregator.core.Promregator;
import io.promregator.core.TestBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DiscoveryEndpointsTest {
    private final List<Set<String>> invalidated = new ArrayList<>();
    private final Promregator promregator = TestBuilder.create()
            .server(ServerSettings.defaults().withAddress("127.0.0.1").withPort(0))
            .discoveryControls(new DiscoveryControls() {
                @Override
                public void invalidate(Set<String> caches) {
                    invalidated.add(caches);
                }

                @Override
                public String explain() {
                    return "promregator.targets[0] orgName \"shop\"\n  matched: nothing\n";
                }
            })
            .build()
            .start();

    @AfterEach
    void stop() {
        promregator.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + promregator.port() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void cacheInvalidateEmptiesTheCachesSetToTrueOrOneAndAnswers204() throws Exception {
        HttpResponse<String> response = get("/cache/invalidate?org=true&space=false&route=1&resolver=TRUE");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(invalidated).containsExactly(Set.of("org", "route", "resolver"));
    }

    @Test
    void cacheInvalidateWithoutParametersEmptiesNothing() throws Exception {
        assertThat(get("/cache/invalidate").statusCode()).isEqualTo(204);
        assertThat(invalidated).isEmpty();
    }

    @Test
    void cacheInvalidateNamesTheKnownCachesForAnUnknownOne() throws Exception {
        HttpResponse<String> response = get("/cache/invalidate?apps=true");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .isEqualTo(
                        "Unknown cache \"apps\"; known: application, domain, org, process, resolver, route, space\n");
        assertThat(invalidated).isEmpty();
    }

    @Test
    void cacheInvalidateRefusesAValueOtherThanTrueFalseOneOrZero() throws Exception {
        HttpResponse<String> response = get("/cache/invalidate?space=true&org=maybe");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .isEqualTo("Invalid value for cache \"org\": expected true or 1 (empty it), false or 0 (keep it)."
                        + " Found: \"maybe\"\n");
        assertThat(invalidated).isEmpty();
    }

    @Test
    void explainTargetsServesTheDiagnosisAsText() throws Exception {
        HttpResponse<String> response = get("/explainTargets");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
        assertThat(response.body()).contains("matched: nothing");
    }
}
