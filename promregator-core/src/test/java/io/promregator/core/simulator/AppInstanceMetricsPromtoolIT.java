package io.promregator.core.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.testing.Promtool;
import io.promregator.simulator.AppInstanceMetrics;
import io.promregator.simulator.Application;
import io.promregator.simulator.Foundation;
import org.junit.jupiter.api.Test;

/** The simulated instances' text 0.0.4 passes the real {@code promtool check metrics} without findings. */
class AppInstanceMetricsPromtoolIT {
    @Test
    void passesPromtoolCleanly() {
        for (Application app : Foundation.demo().applications()) {
            String body = new AppInstanceMetrics(app, 1, false, 900).body();
            Promtool.Result result = Promtool.checkMetrics(body);
            assertThat(result.output()).as(app.name()).isEmpty();
            assertThat(result.exitCode()).as(app.name()).isZero();
        }
    }
}
