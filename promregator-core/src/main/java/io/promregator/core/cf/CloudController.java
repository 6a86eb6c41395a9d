package io.promregator.core.cf;

import java.util.Collection;
import java.util.List;

/**
 * The Cloud Controller v3 calls target resolution needs, each one list call (following
 * {@code pagination.next} to the end) so that the number of requests grows with result pages, not
 * with apps. Guid collections too long for one URL are split into several requests. Thread-safe;
 * failures throw {@link CloudControllerException}.
 */
public interface CloudController {
    /** Organizations with these names (case-insensitive on the server; re-check exactly), or all when empty. */
    List<CfOrganization> organizations(Collection<String> names);

    /** All spaces of these organizations. */
    List<CfSpace> spaces(Collection<String> organizationIds);

    /** All apps in these spaces. */
    List<CfApplication> applications(Collection<String> spaceIds);

    /** The {@code web} processes of all apps in these spaces. */
    List<CfProcess> webProcesses(Collection<String> spaceIds);

    /** All routes in these spaces, with their domains. */
    List<CfRoute> routes(Collection<String> spaceIds);

    /** The instances of one process (not paginated on the server). */
    List<CfInstanceState> instances(String processId);
}
