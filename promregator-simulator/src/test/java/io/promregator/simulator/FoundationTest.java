package io.promregator.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FoundationTest {
    @Test
    void derivesTheSameLowercaseGuidsOnEveryBuild() {
        Foundation first = TestFoundations.small();
        Foundation second = TestFoundations.small();
        assertThat(first).isEqualTo(second);
        Application shop = first.application("shop-org", "production", "shop");
        assertThat(shop.id()).matches("[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}");
        assertThat(shop.id())
                .isNotEqualTo(first.application("other-org", "dev", "shop").id());
        assertThat(shop.processId()).isNotEqualTo(shop.id());
    }

    @Test
    void acceptsGivenGuidsButOnlyLowercase() {
        String guid = "5cdc7595-2e9b-4f62-8d5a-a86b92f2df0e";
        Foundation foundation = Foundation.builder()
                .org("o", org -> org.space("s", space -> space.app("a", app -> app.id(guid))))
                .build();
        assertThat(foundation.application("a").id()).isEqualTo(guid);
        assertThatThrownBy(() -> Foundation.builder()
                        .org("o", org -> org.space("s", space -> space.app("a", app -> app.id(guid.toUpperCase()))))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lowercase GUID");
    }

    @Test
    void rejectsDuplicateNames() {
        assertThatThrownBy(() -> Foundation.builder()
                        .org("o", org -> org.space("s", space -> space.app("a").app("A")))
                        .build())
                .hasMessageContaining("app names must be unique");
        assertThatThrownBy(() -> Foundation.builder().org("o").org("O").build())
                .hasMessageContaining("organization names must be unique");
    }

    @Test
    void addsTheDomainsRoutesNeed() {
        Foundation foundation = Foundation.builder()
                .domain("example.com")
                .org(
                        "o",
                        org -> org.space(
                                "s",
                                space -> space.app(
                                        "a",
                                        app -> app.route("a.apps.example.com/x").internalRoute("a.apps.internal"))))
                .build();
        assertThat(foundation.domains())
                .extracting(Domain::name, Domain::internal)
                .containsExactly(tuple("example.com", false), tuple("apps.internal", true));
        Directory.RouteEntry route =
                new Directory(foundation).externalRoutes("a.apps.example.com").get(0);
        assertThat(route.host()).isEqualTo("a.apps");
        assertThat(route.mapping().path()).isEqualTo("/x");
    }

    @Test
    void refusesAnInternalRouteOnAnExternalDomain() {
        assertThatThrownBy(() -> Foundation.builder()
                        .domain("apps.example.com")
                        .org(
                                "o",
                                org -> org.space(
                                        "s", space -> space.app("a", app -> app.internalRoute("a.apps.example.com"))))
                        .build())
                .hasMessageContaining("must be an external route");
    }

    @Test
    void demoHasEveryStateAndEveryKindOfApp() {
        Foundation demo = Foundation.demo();
        assertThat(demo.organizations()).hasSize(3);
        Set<InstanceState> states = demo.applications().stream()
                .flatMap(a -> a.instances().stream())
                .collect(Collectors.toSet());
        assertThat(states).containsAll(EnumSet.allOf(InstanceState.class));
        List<Application> apps = demo.applications();
        assertThat(apps).anySatisfy(a -> assertThat(a.started()).isFalse());
        assertThat(apps).anySatisfy(a -> assertThat(a.routes()).isEmpty());
        assertThat(apps)
                .anySatisfy(a -> assertThat(a.routes())
                        .anySatisfy(r -> assertThat(r.internal()).isTrue()));
        assertThat(apps).anySatisfy(a -> assertThat(a.annotations()).containsEntry("prometheus.io/scrape", "true"));
        assertThat(apps).anySatisfy(a -> assertThat(a.appNameLabel()).isNotEmpty());
        assertThat(apps).anySatisfy(a -> assertThat(a.requiresMetricsAuth()).isTrue());
        assertThat(demo.organizations()).anySatisfy(o -> assertThat(o.visible()).isFalse());
    }

    @Test
    void buildsALargeFoundationForBenchmarks() {
        Foundation large = Foundation.large(5, 10, 20, 3);
        assertThat(large.organizations()).hasSize(5);
        assertThat(large.applications()).hasSize(1000);
        assertThat(large.applications().stream()
                        .mapToInt(a -> a.instances().size())
                        .sum())
                .isEqualTo(3000);
        assertThat(large.applications().stream()
                        .map(a -> a.routes().get(0).url())
                        .distinct())
                .hasSize(1000);
        assertThat(large.application("app-5-10-20").routes().get(0).url()).isEqualTo("app-5-10-20.apps.example.com");
    }

    @Test
    void servesOneThousandAppsOnOnePage() {
        try (CfSimulator sim = TestFoundations.start(Foundation.large(5, 10, 20, 3))) {
            SimHttp http = new SimHttp(sim);
            String token = http.token(TestFoundations.USER, TestFoundations.PASSWORD);
            JsonNode apps = http.getJson("/v3/apps?per_page=5000&include=space.organization", token);
            assertThat(apps.get("resources")).hasSize(1000);
            assertThat(apps.get("included").get("spaces")).hasSize(50);
            assertThat(apps.get("included").get("organizations")).hasSize(5);
            assertThat(http.getJson("/v3/routes?per_page=5000", token)
                            .get("pagination")
                            .get("total_results")
                            .asInt())
                    .isEqualTo(1000);
        }
    }
}
