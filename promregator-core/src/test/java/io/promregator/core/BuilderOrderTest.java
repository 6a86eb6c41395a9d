package io.promregator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.promregator.core.auth.Authenticators;
import io.promregator.core.config.ConfigLoader;
import io.promregator.core.config.PromregatorConfig;
import io.promregator.core.config.ScrapeLimits;
import io.promregator.core.enrich.LabelConflict;
import io.promregator.core.metrics.OwnMetricsSettings;
import io.promregator.core.scrape.ScrapeSettings;
import io.promregator.core.server.DiscoverySettings;
import io.promregator.core.server.InboundAuthentication;
import io.promregator.core.server.ServerSettings;
import io.promregator.core.target.StaticTargetResolver;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code config(...)} is a base: every other setter of the builder wins over it, before or after it. */
class BuilderOrderTest {
    /** A configuration that sets something else for every part a setter sets. */
    private static final PromregatorConfig CONFIG = ConfigLoader.load("""
            server:
              port: 8181
            promregator:
              scraping:
                threads: 9
                labelConflict: override
                labelEnrichment: false
                limits:
                  samples: 10
              endpoint:
                httpErrorOnFailure: true
              discovery:
                hostname: configured.example.org
              metrics:
                requestLatency: true
                auth: BASIC
              authentication:
                basic:
                  password: secret
              authenticator:
                type: basic
                basic:
                  username: u
                  password: p
              staticTargets:
                - url: http://127.0.0.1:9100/metrics
            """, Map.of());

    private static final Scraper SCRAPER = mock(Scraper.class);
    private static final LabelEnricher ENRICHER = mock(LabelEnricher.class);
    private static final ExpositionMerger MERGER = mock(ExpositionMerger.class);
    private static final TargetResolver RESOLVER = new StaticTargetResolver(List.of());
    private static final DiscoveryControls CONTROLS = mock(DiscoveryControls.class);
    private static final ScrapeSettings SCRAPE = ScrapeSettings.defaults().withMaxInFlight(3);
    private static final ServerSettings SERVER = ServerSettings.defaults().withPort(0);
    private static final DiscoverySettings DISCOVERY = new DiscoverySettings("set.example.org", 0, "", true);
    private static final ScrapeLimits LIMITS = ScrapeLimits.defaults();
    private static final OwnMetricsSettings OWN_METRICS = OwnMetricsSettings.defaults();

    private static Arguments setter(
            String name, Consumer<Promregator.Builder> set, Function<Wiring, Object> part, Object value) {
        return Arguments.of(name, set, part, value);
    }

    static Stream<Arguments> setters() {
        return Stream.of(
                setter("targetResolver", b -> b.targetResolver(RESOLVER), Wiring::targetResolver, RESOLVER),
                setter("scraper", b -> b.scraper(SCRAPER), Wiring::scraper, SCRAPER),
                setter("labelEnricher", b -> b.labelEnricher(ENRICHER), Wiring::labelEnricher, ENRICHER),
                setter("merger", b -> b.merger(MERGER), Wiring::merger, MERGER),
                setter("scrapeSettings", b -> b.scrapeSettings(SCRAPE), Wiring::scrapeSettings, SCRAPE),
                setter("server", b -> b.server(SERVER), Wiring::serverSettings, SERVER),
                setter(
                        "labelConflict",
                        b -> b.labelConflict(LabelConflict.KEEP),
                        Wiring::labelConflict,
                        LabelConflict.KEEP),
                setter("ownMetrics", b -> b.ownMetrics(OWN_METRICS), Wiring::ownMetricsSettings, OWN_METRICS),
                setter(
                        "requestLatency",
                        b -> b.requestLatency(false),
                        w -> w.ownMetricsSettings().requestLatency(),
                        false),
                setter("discoveryControls", b -> b.discoveryControls(CONTROLS), Wiring::discoveryControls, CONTROLS),
                setter("discovery", b -> b.discovery(DISCOVERY), Wiring::discoverySettings, DISCOVERY),
                setter("labelEnrichment", b -> b.labelEnrichment(true), Wiring::labelEnrichment, true),
                setter("httpErrorOnFailure", b -> b.httpErrorOnFailure(false), Wiring::httpErrorOnFailure, false),
                setter(
                        "authenticators",
                        b -> b.authenticators(Authenticators.NONE),
                        Wiring::authenticators,
                        Authenticators.NONE),
                setter("limits", b -> b.limits(LIMITS), Wiring::limits, LIMITS),
                setter("port", b -> b.port(0), w -> w.serverSettings().port(), 0),
                setter(
                        "address",
                        b -> b.address("127.0.0.2"),
                        w -> w.serverSettings().address(),
                        "127.0.0.2"),
                setter(
                        "inboundAuthentication",
                        b -> b.inboundAuthentication(InboundAuthentication.NONE),
                        Wiring::inboundAuthentication,
                        InboundAuthentication.NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setters")
    void aSetterWinsOverTheConfigurationInEitherOrder(
            String name, Consumer<Promregator.Builder> set, Function<Wiring, Object> part, Object value) {
        Promregator.Builder configFirst = Promregator.builder().config(CONFIG);
        set.accept(configFirst);
        Promregator.Builder setterFirst = Promregator.builder();
        set.accept(setterFirst);
        setterFirst.config(CONFIG);

        assertThat(part.apply(Promregator.builder().config(CONFIG).wiring()))
                .as("the configuration alone gives something else for " + name)
                .isNotEqualTo(value);
        assertThat(part.apply(configFirst.wiring())).isEqualTo(value);
        assertThat(part.apply(setterFirst.wiring())).isEqualTo(value);
    }

    @Test
    void portAndAddressWinOverTheServerSettingsToo() {
        Wiring wiring = Promregator.builder()
                .port(9999)
                .server(ServerSettings.defaults().withPort(1234).withAddress("127.0.0.3"))
                .address("127.0.0.4")
                .config(CONFIG)
                .wiring();

        assertThat(wiring.serverSettings().port()).isEqualTo(9999);
        assertThat(wiring.serverSettings().address()).isEqualTo("127.0.0.4");
        assertThat(wiring.serverSettings().threads())
                .isEqualTo(ServerSettings.defaults().threads());
    }

    @Test
    void theConfigurationFillsWhatNoSetterSets() {
        Wiring wiring = Promregator.builder().server(SERVER).config(CONFIG).wiring();

        assertThat(wiring.serverSettings()).isEqualTo(SERVER);
        assertThat(wiring.scrapeSettings().maxInFlight()).isEqualTo(9);
        assertThat(wiring.labelConflict()).isEqualTo(LabelConflict.OVERRIDE);
        assertThat(wiring.labelEnrichment()).isFalse();
        assertThat(wiring.discoverySettings().hostname()).isEqualTo("configured.example.org");
        assertThat(wiring.limits().samples()).isEqualTo(10);
        assertThat(wiring.ownMetricsSettings().requestLatency()).isTrue();
    }

    @Test
    void serverSettingsBeforeConfigStayThatWayWhenServing() {
        try (Promregator promregator = Promregator.builder()
                .server(ServerSettings.defaults().withAddress("127.0.0.1").withPort(0))
                .config(CONFIG)
                .buildAndStart()) {
            assertThat(promregator.port()).isNotEqualTo(8181).isPositive();
        }
    }
}
