package io.promregator.core.bench;

import io.promregator.simulator.Application;
import io.promregator.simulator.Foundation;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * One running app instance of a simulated foundation, and the two ways to fetch its metrics: through the
 * gorouter with {@code X-CF-APP-INSTANCE} (what Promregator itself does), or through the aggregator's
 * {@code /singleTargetMetrics/<appGuid>/<index>}.
 */
record SimulatedInstance(String applicationId, int instanceIndex, String host, String path) {

    /** Every running instance of the foundation's started apps with a route, in definition order. */
    static List<SimulatedInstance> all(Foundation foundation) {
        List<SimulatedInstance> instances = new ArrayList<>();
        for (Application app : foundation.applications()) {
            if (app.routes().isEmpty()) {
                continue;
            }
            for (int index = 0; index < app.instances().size(); index++) {
                if (app.isRoutable(index)) {
                    instances.add(new SimulatedInstance(
                            app.id(), index, app.routes().get(0).hostName(), app.metricsPath()));
                }
            }
        }
        return List.copyOf(instances);
    }

    /** The URL to request through the gorouter (set as the client's proxy). */
    URI directUrl() {
        return URI.create("http://" + host + path);
    }

    /** The value of {@code X-CF-APP-INSTANCE}. */
    String instanceHeader() {
        return applicationId + ":" + instanceIndex;
    }

    /** The aggregator's Single Target Scraping URL for this instance. */
    URI proxiedUrl(URI aggregator) {
        return aggregator.resolve("/singleTargetMetrics/" + applicationId + "/" + instanceIndex);
    }
}
