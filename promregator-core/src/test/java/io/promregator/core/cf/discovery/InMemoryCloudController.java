package io.promregator.core.cf.discovery;

import io.promregator.core.cf.CfApplication;
import io.promregator.core.cf.CfInstanceState;
import io.promregator.core.cf.CfOrganization;
import io.promregator.core.cf.CfProcess;
import io.promregator.core.cf.CfRoute;
import io.promregator.core.cf.CfSpace;
import io.promregator.core.cf.CloudController;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A Cloud Controller in memory, answering like the real one, counting its calls. */
final class InMemoryCloudController implements CloudController {
    final List<CfOrganization> orgs = new ArrayList<>();
    final List<CfSpace> spaces = new ArrayList<>();
    final List<CfApplication> apps = new ArrayList<>();
    final List<CfProcess> processes = new ArrayList<>();
    final List<CfRoute> routes = new ArrayList<>();
    final List<String> calls = new ArrayList<>();
    RuntimeException failure;

    static String guid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    CfOrganization org(String name) {
        CfOrganization org = new CfOrganization(guid("org/" + name), name);
        orgs.add(org);
        return org;
    }

    CfSpace space(CfOrganization org, String name) {
        CfSpace space = new CfSpace(guid("space/" + org.name() + "/" + name), name, org.id());
        spaces.add(space);
        return space;
    }

    CfApplication app(CfSpace space, String name, String state, int instances, Map<String, String> annotations) {
        CfApplication app =
                new CfApplication(guid("app/" + space.id() + "/" + name), name, state, space.id(), annotations);
        apps.add(app);
        processes.add(new CfProcess(guid("process/" + app.id()), app.id(), "web", instances));
        return app;
    }

    CfApplication app(CfSpace space, String name, int instances) {
        return app(space, name, "STARTED", instances, Map.of());
    }

    CfRoute route(CfApplication app, String url, boolean internal) {
        String domain = url.substring(url.indexOf('.') + 1).split("/")[0];
        CfRoute route = new CfRoute(
                guid("route/" + url), url, "http", guid("domain/" + domain), domain, internal, List.of(app.id()));
        routes.add(route);
        return route;
    }

    private void call(String what) {
        calls.add(what);
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public List<CfOrganization> organizations(Collection<String> names) {
        call("organizations" + (names.isEmpty() ? "" : "?names=" + String.join(",", names)));
        return orgs.stream()
                .filter(o -> names.isEmpty() || names.stream().anyMatch(n -> n.equalsIgnoreCase(o.name())))
                .toList();
    }

    @Override
    public List<CfSpace> spaces(Collection<String> organizationIds) {
        call("spaces");
        return spaces.stream()
                .filter(s -> organizationIds.contains(s.organizationId()))
                .toList();
    }

    @Override
    public List<CfApplication> applications(Collection<String> spaceIds) {
        call("apps");
        return apps.stream().filter(a -> spaceIds.contains(a.spaceId())).toList();
    }

    @Override
    public List<CfProcess> webProcesses(Collection<String> spaceIds) {
        call("processes");
        return processes.stream()
                .filter(p ->
                        apps.stream().anyMatch(a -> a.id().equals(p.applicationId()) && spaceIds.contains(a.spaceId())))
                .toList();
    }

    @Override
    public List<CfRoute> routes(Collection<String> spaceIds) {
        call("routes");
        return routes.stream()
                .filter(r -> apps.stream()
                        .anyMatch(a -> r.applicationIds().contains(a.id()) && spaceIds.contains(a.spaceId())))
                .toList();
    }

    @Override
    public List<CfInstanceState> instances(String processId) {
        call("stats");
        return List.of();
    }
}
