package io.promregator.core.server;

import io.promregator.core.Target;
import java.util.Optional;

/**
 * A target seen as a Cloud Foundry app instance: what its labels say ({@code org_name},
 * {@code space_name}, {@code app_name}, {@code cf_instance_id}, {@code cf_instance_number}, as
 * {@link io.promregator.core.Target#cfLabels} writes them).
 */
public record CfInstance(
        String organizationName, String spaceName, String applicationName, String applicationId, int instanceIndex) {

    /** The instance id, {@code <applicationId>:<instanceIndex>}. */
    public String instanceId() {
        return applicationId + ":" + instanceIndex;
    }

    /** The Cloud Foundry identity of a target, if it has one (static targets have none). */
    public static Optional<CfInstance> of(Target target) {
        String id = target.labels().get("cf_instance_id");
        String number = target.labels().get("cf_instance_number");
        String org = target.labels().get("org_name");
        String space = target.labels().get("space_name");
        String app = target.labels().get("app_name");
        if (id == null || number == null || org == null || space == null || app == null) {
            return Optional.empty();
        }
        int colon = id.lastIndexOf(':');
        if (colon < 0 || !id.substring(colon + 1).equals(number)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CfInstance(org, space, app, id.substring(0, colon), Integer.parseInt(number)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
