package io.promregator.core.cf.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.Target;
import io.promregator.core.cf.CfApplication;
import io.promregator.core.cf.CfOrganization;
import io.promregator.core.cf.CfRoute;
import io.promregator.core.cf.CfSpace;
import io.promregator.core.config.CfTarget;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DiscoveryRunTest {
    private final InMemoryCloudController cc = new InMemoryCloudController();
    private final DiscoveryRun run = new DiscoveryRun(cc, 8080, "promregator");
    private CfApplication shop;
    private CfApplication billing;
    private CfApplication worker;

    @BeforeEach
    void foundation() {
        CfOrganization org = cc.org("Shop-Org");
        CfSpace production = cc.space(org, "production");
        CfSpace dev = cc.space(org, "dev");
        shop = cc.app(production, "shop", 3);
        cc.route(shop, "shop.apps.example.com", false);
        billing = cc.app(production, "billing", "STOPPED", 2, Map.of());
        cc.route(billing, "billing.apps.example.com", false);
        worker = cc.app(production, "worker", 2);
        cc.route(worker, "worker.apps.internal", true);
        CfApplication devShop = cc.app(dev, "shop", 1);
        cc.route(devShop, "shop-dev.apps.example.com", false);
        cc.org("other-org");
    }

    private Discovery discover(CfTarget... targets) {
        return run.run(List.of(targets), Instant.EPOCH);
    }

    private static CfTarget.Builder target() {
        return CfTarget.builder();
    }

    @Test
    void exactNamesGiveOneTargetPerInstanceThroughTheGorouter() {
        Discovery discovery = discover(target().orgName("shop-org")
                .spaceName("PRODUCTION")
                .applicationName("Shop")
                .build());

        assertThat(discovery.targets())
                .extracting(Target::id)
                .containsExactly(shop.id() + ":0", shop.id() + ":1", shop.id() + ":2");
        Target second = discovery.targets().get(1);
        assertThat(second.url()).hasToString("https://shop.apps.example.com/metrics");
        assertThat(second.headers()).containsExactly(Map.entry("X-CF-APP-INSTANCE", shop.id() + ":1"));
        assertThat(second.labels().toString())
                .isEqualTo("{org_name=\"Shop-Org\",space_name=\"production\",app_name=\"shop\",cf_instance_id=\""
                        + shop.id() + ":1\",cf_instance_number=\"1\"}");
        assertThat(cc.calls).containsExactly("organizations?names=shop-org", "spaces", "apps", "processes", "routes");
    }

    @Test
    void regexesMatchWholeNamesIgnoringCaseAndAskForAllOrgs() {
        Discovery discovery = discover(target().orgRegex("shop-.*")
                .spaceRegex("PROD.*")
                .applicationRegex("sh")
                .build());

        assertThat(discovery.targets()).isEmpty();
        assertThat(discovery.diagnoses().get(0).dropped())
                .containsExactly("no app matches applicationRegex \"sh\" in space production");
        assertThat(cc.calls.get(0)).isEqualTo("organizations");
    }

    @Test
    void stoppedAppsAreDroppedWithTheirState() {
        Discovery discovery =
                discover(target().orgName("shop-org").spaceName("production").build());

        assertThat(discovery.targets())
                .extracting(t -> t.labels().get("app_name"))
                .containsExactly("shop", "shop", "shop", "worker", "worker");
        assertThat(discovery.diagnoses().get(0).dropped())
                .containsExactly("Shop-Org/production/billing: the app is STOPPED (only STARTED apps are scraped)");
        assertThat(discovery.diagnoses().get(0).matched()).hasSize(2);
    }

    @Test
    void internalRoutesAreAddressedPerInstanceWithoutTheHeader() {
        Discovery discovery = discover(target().orgName("shop-org")
                .applicationName("worker")
                .path("/actuator/prometheus")
                .build());

        assertThat(discovery.targets())
                .extracting(t -> t.url().toString())
                .containsExactly(
                        "http://0.worker.apps.internal:8080/actuator/prometheus",
                        "http://1.worker.apps.internal:8080/actuator/prometheus");
        assertThat(discovery.targets()).allSatisfy(t -> assertThat(t.headers()).isEmpty());
    }

    @Test
    void internalRoutePortOfTheTargetWinsOverTheDefault() {
        Discovery discovery = discover(
                target().applicationName("worker").internalRoutePort(9090).build());

        assertThat(discovery.targets().get(0).url()).hasToString("http://0.worker.apps.internal:9090/metrics");
    }

    @Test
    void overrideRouteAndPathSendsNoInstanceHeader() {
        Discovery discovery = discover(target().spaceName("dev")
                .applicationName("shop")
                .overrideRouteAndPath("gateway.example.com/shop")
                .protocol("http")
                .build());

        assertThat(discovery.targets()).singleElement().satisfies(t -> {
            assertThat(t.url()).hasToString("http://gateway.example.com/shop/metrics");
            assertThat(t.headers()).isEmpty();
        });
    }

    @Test
    void preferredRouteRegexChoosesAmongRoutesInOrder() {
        CfRoute second = cc.route(shop, "shop.internal.example.com", false);
        cc.route(shop, "shop-canary.apps.example.com", false);

        Discovery discovery = discover(target().spaceName("production")
                .applicationName("shop")
                .preferredRouteRegex(List.of("nothing\\..*", ".*\\.internal\\.example\\.com"))
                .build());

        assertThat(discovery.targets().get(0).url()).hasToString("https://" + second.url() + "/metrics");
    }

    @Test
    void annotationsModeKeepsOnlyAnnotatedAppsAndTakesTheirPath() {
        CfSpace space = cc.spaces.get(0);
        CfApplication annotated = cc.app(
                space,
                "Annotated-App",
                "STARTED",
                1,
                Map.of("prometheus.io/scrape", "true", "prometheus.io/path", "/custom"));
        cc.route(annotated, "annotated.apps.example.com", false);

        Discovery discovery = discover(
                target().spaceName("production").kubernetesAnnotations(true).build());

        assertThat(discovery.targets())
                .singleElement()
                .satisfies(t -> assertThat(t.url()).hasToString("https://annotated.apps.example.com/custom"));
        assertThat(discovery.diagnoses().get(0).dropped())
                .contains(
                        "Shop-Org/production/shop: not annotated prometheus.io/scrape: \"true\" (kubernetesAnnotations is on)");
    }

    @Test
    void explainsEveryReasonForFindingNothing() {
        CfApplication lonely = cc.app(cc.spaces.get(1), "lonely", 1);
        cc.processes.removeIf(p -> p.applicationId().equals(shop.id()));

        Discovery discovery = discover(
                target().orgName("no-such-org").build(),
                target().orgName("shop-org").spaceName("secret").build(),
                target().orgName("shop-org")
                        .spaceName("dev")
                        .applicationName("lonely")
                        .build(),
                target().orgName("shop-org")
                        .spaceName("production")
                        .applicationName("shop")
                        .build());

        assertThat(discovery.diagnoses())
                .extracting(d -> d.dropped().get(0))
                .containsExactly(
                        "no org matches orgName \"no-such-org\" among the 1 orgs user \"promregator\" can see "
                                + "(it does not exist, or the user has no role in it)",
                        "no space matches spaceName \"secret\" in org Shop-Org "
                                + "(it does not exist, or user \"promregator\" has no role in it)",
                        "Shop-Org/dev/" + lonely.name()
                                + ": no http route is mapped to the app (map one, or set overrideRouteAndPath)",
                        "Shop-Org/production/shop: no web process");
        assertThat(discovery.explain())
                .contains(
                        "promregator.targets[0] orgName \"no-such-org\", any space, any application",
                        "  matched: nothing");
    }

    @Test
    void overlappingTargetsListEachInstanceOnceInAStableOrder() {
        Discovery discovery = discover(
                target().orgName("shop-org").applicationName("shop").build(),
                target().orgName("shop-org").build());

        assertThat(discovery.targets())
                .extracting(t -> t.labels().get("space_name") + "/" + t.labels().get("app_name") + "/"
                        + t.labels().get("cf_instance_number"))
                .containsExactly(
                        "dev/shop/0",
                        "production/shop/0",
                        "production/shop/1",
                        "production/shop/2",
                        "production/worker/0",
                        "production/worker/1");
        assertThat(discovery.diagnoses().get(1).matched())
                .anySatisfy(line -> assertThat(line)
                        .startsWith("Shop-Org/production/shop: 3 instances")
                        .endsWith(", but already matched by promregator.targets[0], which wins"));
        assertThat(cc.calls).hasSize(5);
    }
}
