package io.promregator.core.cf;

import java.util.Map;
import java.util.Objects;

/**
 * An app ({@code /v3/apps}).
 *
 * @param state the desired state, {@code STARTED} or {@code STOPPED}; says nothing about running instances
 * @param annotations {@code metadata.annotations}, e.g. {@code prometheus.io/scrape}
 */
public record CfApplication(String id, String name, String state, String spaceId, Map<String, String> annotations) {
    public CfApplication {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(spaceId, "spaceId");
        annotations = Map.copyOf(annotations);
    }

    public boolean isStarted() {
        return "STARTED".equals(state);
    }
}
