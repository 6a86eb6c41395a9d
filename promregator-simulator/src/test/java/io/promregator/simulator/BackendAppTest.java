package io.promregator.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Building and changing apps whose instances are served by real backends. */
class BackendAppTest {
    private static final URI FIRST = URI.create("http://127.0.0.1:9001");
    private static final URI SECOND = URI.create("http://127.0.0.1:9002/base");

    @Test
    void runsOneInstancePerBackend() {
        Application app = foundation(a -> a.backends(FIRST, SECOND)).application("agg");
        assertThat(app.backends()).containsExactly(FIRST, SECOND);
        assertThat(app.instances()).containsExactly(InstanceState.RUNNING, InstanceState.RUNNING);
        assertThat(app.hasBackends()).isTrue();
        assertThat(foundation(a -> a.instances(2)).application("agg").hasBackends())
                .isFalse();
    }

    @Test
    void rejectsAsManyInstancesAsBackendsOnlyAndPlainHttpBaseUrls() {
        assertThatThrownBy(() -> foundation(a -> a.backends(FIRST, SECOND).instances("RUNNING")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 1 instances, so it needs as many backends");
        for (String bad : List.of("https://127.0.0.1:9001", "http://127.0.0.1:9001/", "http://h:1/?q=1")) {
            assertThatThrownBy(() -> foundation(a -> a.backends(URI.create(bad))))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("backend: must be http://host[:port][/path]");
        }
    }

    @Test
    void keepsInstanceStatesWhenBackendsChangeAndShrinksWithScaling() {
        Application starting =
                foundation(a -> a.instances("STARTING", "STARTING")).application("agg");
        Application served = starting.withBackends(List.of(FIRST, SECOND));
        assertThat(served.instances()).containsExactly(InstanceState.STARTING, InstanceState.STARTING);
        assertThat(served.withBackends(List.of(FIRST, SECOND, FIRST)).instances())
                .containsExactly(InstanceState.STARTING, InstanceState.STARTING, InstanceState.RUNNING);
        assertThat(served.scaled(1).backends()).containsExactly(FIRST);
        assertThatThrownBy(() -> served.scaled(3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scale it with LiveFoundation.backends");
    }

    @Test
    void toBuilderAddsOrganizationsToAFoundation() {
        Foundation demo = Foundation.demo();
        Foundation more = demo.toBuilder()
                .org(
                        "monitoring",
                        org -> org.space("prometheus", s -> s.app("agg", a -> a.route("agg.apps.example.com"))))
                .build();
        assertThat(more.organizations()).hasSize(demo.organizations().size() + 1);
        assertThat(more.domains()).isEqualTo(demo.domains());
        assertThat(more.application("agg").routes()).hasSize(1);
    }

    private static Foundation foundation(java.util.function.Consumer<ApplicationBuilder> app) {
        return Foundation.builder()
                .org("o", org -> org.space("s", space -> space.app("agg", app)))
                .build();
    }
}
