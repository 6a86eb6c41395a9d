package io.promregator.core.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.ScrapeResult;
import io.promregator.core.ScrapeResult.Outcome;
import io.promregator.core.Target;
import io.promregator.core.exposition.Labels;
import io.promregator.core.testing.TestCertificates;
import io.promregator.core.testing.TestEndpoints;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Targets' certificates are checked against what the JVM trusts, always. (The Cloud Controller's are too:
 * see {@code TransportSecurityTest}.)
 */
class TargetTlsVerificationTest {
    private final TestEndpoints target =
            TestEndpoints.https(TestCertificates.server().identity().serverContext(), false);
    private final HttpClientScraper scraper = new HttpClientScraper(ScrapeSettings.defaults());

    @AfterEach
    void close() {
        scraper.close();
        target.close();
    }

    @Test
    void aCertificateTheJvmDoesNotTrustFailsTheTargetAsAConnectionProblem() {
        URI url = target.serve("/metrics", TestEndpoints.body(null, "up 1\n"));

        ScrapeResult result =
                scraper.scrape(new Target("t", url, Labels.EMPTY, Map.of())).join();

        assertThat(result.outcome()).isEqualTo(Outcome.CONNECTION);
        assertThat(result.failure()).startsWith("TLS handshake failed: ").contains("certification path");
        assertThat(target.requests()).isEmpty();
    }
}
