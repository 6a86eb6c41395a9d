package io.promregator.core.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.promregator.core.Scraper;
import io.promregator.core.Target;
import io.promregator.core.TargetResolver;
import io.promregator.core.enrich.CfLabelEnricher;
import io.promregator.core.enrich.LabelConflict;
import io.promregator.core.exposition.Labels;
import io.promregator.core.merge.FirstTypeWinsMerger;
import io.promregator.core.metrics.OwnMetrics;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Finding the instance of a /singleTargetMetrics request in the resolver's current targets. */
class SingleTargetScrapingTest {
    private final TargetResolver resolver = mock(TargetResolver.class);
    private final SingleTargetScraping scraping = new SingleTargetScraping(
            resolver,
            mock(Scraper.class),
            new CfLabelEnricher(LabelConflict.EXPORTED),
            new FirstTypeWinsMerger(),
            new OwnMetrics(false),
            true);

    private static Target target(String id, String host) {
        return new Target(id, URI.create("http://" + host + "/metrics"), Labels.EMPTY, Map.of());
    }

    private static List<Target> instances(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> target("app-" + i + ":0", "app-" + i + ".example"))
                .toList();
    }

    private Optional<String> hostOf(String id) {
        return scraping.find(id).map(target -> target.url().getHost());
    }

    @Test
    void findsEveryInstanceOfAnUnchangedDiscoveryOnEveryRequest() {
        when(resolver.resolve()).thenReturn(instances(1000));
        for (int request = 0; request < 3; request++) {
            assertThat(hostOf("app-0:0")).contains("app-0.example");
            assertThat(hostOf("app-999:0")).contains("app-999.example");
            assertThat(hostOf("app-1000:0")).isEmpty();
            assertThat(hostOf("app-1:1")).isEmpty();
        }
    }

    @Test
    void followsTheResolverToANewDiscovery() {
        List<Target> before = List.of(target("a:0", "old.example"), target("b:0", "b.example"));
        List<Target> after = List.of(target("a:0", "new.example"), target("c:0", "c.example"));
        when(resolver.resolve()).thenReturn(before, before, before, after);
        for (int request = 0; request < 3; request++) {
            assertThat(hostOf("a:0")).contains("old.example");
        }
        for (int request = 0; request < 3; request++) {
            assertThat(hostOf("a:0")).contains("new.example");
            assertThat(hostOf("b:0")).isEmpty();
            assertThat(hostOf("c:0")).contains("c.example");
        }
    }

    @Test
    void answersTheFirstOfTwoTargetsWithTheSameId() {
        when(resolver.resolve()).thenReturn(List.of(target("a:0", "first.example"), target("a:0", "second.example")));
        for (int request = 0; request < 3; request++) {
            assertThat(hostOf("a:0")).contains("first.example");
        }
    }

    @Test
    void findsInstancesWhenTheResolverBuildsANewListOnEveryCall() {
        when(resolver.resolve()).thenAnswer(call -> new ArrayList<>(instances(10)));
        for (int request = 0; request < 3; request++) {
            assertThat(hostOf("app-7:0")).contains("app-7.example");
            assertThat(hostOf("app-10:0")).isEmpty();
        }
    }
}
