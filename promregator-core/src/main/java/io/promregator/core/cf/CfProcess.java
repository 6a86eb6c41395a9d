package io.promregator.core.cf;

import java.util.Objects;

/**
 * A process ({@code /v3/processes}); the web process carries the app's desired instance count.
 *
 * @param instances the desired number of instances
 */
public record CfProcess(String id, String applicationId, String type, int instances) {
    public CfProcess {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(type, "type");
    }
}
