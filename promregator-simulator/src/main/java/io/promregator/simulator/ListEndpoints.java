package io.promregator.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promregator.simulator.Directory.AppEntry;
import io.promregator.simulator.Directory.DomainEntry;
import io.promregator.simulator.Directory.OrgEntry;
import io.promregator.simulator.Directory.RouteEntry;
import io.promregator.simulator.Directory.SpaceEntry;
import io.promregator.simulator.ListEndpoint.Filter;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** The six list endpoints discovery uses, with the filters and includes the Cloud Controller documents. */
final class ListEndpoints {
    private final ResourceJson resources;
    private final RouteJson routes;
    private final Map<String, ListEndpoint<?>> byPath;

    ListEndpoints(String apiUrl) {
        this.resources = new ResourceJson(apiUrl);
        this.routes = new RouteJson(apiUrl);
        String v3 = apiUrl + "/v3";
        this.byPath = Map.of(
                "/v3/organizations", organizations(v3),
                "/v3/spaces", spaces(v3),
                "/v3/apps", apps(v3),
                "/v3/processes", processes(v3),
                "/v3/routes", routeList(v3),
                "/v3/domains", domains(v3));
    }

    /** The list answer for this path, or empty when the path is no list endpoint. */
    Optional<ObjectNode> list(String path, Directory directory, Map<String, String> params) {
        ListEndpoint<?> endpoint = byPath.get(path);
        return endpoint == null ? Optional.empty() : Optional.of(endpoint.list(directory, params));
    }

    private ListEndpoint<OrgEntry> organizations(String v3) {
        return new ListEndpoint<>(
                v3 + "/organizations",
                Directory::visibleOrgs,
                List.of(
                        filter("names", true, o -> o.org().name()),
                        filter("guids", false, o -> o.org().id())),
                List.of(),
                (page, includes, included) -> {},
                o -> o.org().name(),
                OrgEntry::seq,
                resources::organization);
    }

    private ListEndpoint<SpaceEntry> spaces(String v3) {
        return new ListEndpoint<>(
                v3 + "/spaces",
                Directory::visibleSpaces,
                List.of(
                        filter("names", true, s -> s.space().name()),
                        filter("guids", false, s -> s.space().id()),
                        filter("organization_guids", false, s -> s.org().org().id())),
                List.of("organization"),
                (page, includes, included) -> add(
                        included,
                        "organizations",
                        page.stream().map(SpaceEntry::org).toList(),
                        resources::organization),
                s -> s.space().name(),
                SpaceEntry::seq,
                resources::space);
    }

    private ListEndpoint<AppEntry> apps(String v3) {
        return new ListEndpoint<>(
                v3 + "/apps",
                Directory::visibleApps,
                List.of(
                        filter("names", true, a -> a.app().name()),
                        filter("guids", false, a -> a.app().id()),
                        filter("space_guids", false, a -> a.space().space().id()),
                        filter(
                                "organization_guids",
                                false,
                                a -> a.space().org().org().id())),
                List.of("space", "space.organization"),
                (page, includes, included) ->
                        includeSpaces(page.stream().map(AppEntry::space).toList(), includes, included),
                a -> a.app().name(),
                AppEntry::seq,
                resources::application);
    }

    private ListEndpoint<AppEntry> processes(String v3) {
        return new ListEndpoint<>(
                v3 + "/processes",
                Directory::visibleApps,
                List.of(
                        filter("guids", false, a -> a.app().processId()),
                        filter("types", false, a -> "web"),
                        filter("app_guids", false, a -> a.app().id()),
                        filter("space_guids", false, a -> a.space().space().id()),
                        filter(
                                "organization_guids",
                                false,
                                a -> a.space().org().org().id())),
                List.of(),
                (page, includes, included) -> {},
                null,
                AppEntry::seq,
                a -> resources.process(a, true));
    }

    private ListEndpoint<RouteEntry> routeList(String v3) {
        return new ListEndpoint<>(
                v3 + "/routes",
                Directory::visibleRoutes,
                List.of(
                        new Filter<>(
                                "app_guids",
                                false,
                                r -> r.apps().stream().map(a -> a.app().id()).toList()),
                        filter("space_guids", false, r -> r.space().space().id()),
                        filter(
                                "organization_guids",
                                false,
                                r -> r.space().org().org().id()),
                        filter("domain_guids", false, r -> r.domain().domain().id()),
                        filter("hosts", false, RouteEntry::host),
                        filter("paths", false, r -> r.mapping().path())),
                List.of("domain", "space", "space.organization"),
                (page, includes, included) -> {
                    includeSpaces(page.stream().map(RouteEntry::space).toList(), includes, included);
                    if (includes.contains("domain")) {
                        add(
                                included,
                                "domains",
                                page.stream().map(RouteEntry::domain).toList(),
                                routes::domain);
                    }
                },
                null,
                RouteEntry::seq,
                routes::route);
    }

    private ListEndpoint<DomainEntry> domains(String v3) {
        return new ListEndpoint<>(
                v3 + "/domains",
                Directory::domains,
                List.of(
                        filter("names", true, d -> d.domain().name()),
                        filter("guids", false, d -> d.domain().id()),
                        new Filter<>("organization_guids", false, d -> List.of())),
                List.of(),
                (page, includes, included) -> {},
                d -> d.domain().name(),
                DomainEntry::seq,
                routes::domain);
    }

    private static <T> Filter<T> filter(String parameter, boolean ignoreCase, Function<T, String> value) {
        return new Filter<>(parameter, ignoreCase, resource -> List.of(value.apply(resource)));
    }

    private void includeSpaces(List<SpaceEntry> spaces, Set<String> includes, ObjectNode included) {
        if (includes.contains("space") || includes.contains("space.organization")) {
            add(included, "spaces", spaces, resources::space);
        }
        if (includes.contains("space.organization")) {
            add(included, "organizations", spaces.stream().map(SpaceEntry::org).toList(), resources::organization);
        }
    }

    /** {@code included.<key>}: each resource once (entries are shared per directory), in order of first appearance. */
    private static <T> void add(ObjectNode included, String key, Collection<T> entries, Function<T, ObjectNode> json) {
        ArrayNode array = included.putArray(key);
        Set<T> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (T entry : entries) {
            if (seen.add(entry)) {
                array.add(json.apply(entry));
            }
        }
    }
}
