package io.promregator.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One {@link Foundation} flattened for serving: every resource with its parents, a sequence number for
 * {@code created_at} and ordering, and look-ups by GUID and by host. Immutable.
 */
final class Directory {
    private static final Instant FIRST_CREATED = Instant.parse("2024-03-01T09:00:00Z");

    record OrgEntry(Organization org, int seq) {}

    record SpaceEntry(Space space, OrgEntry org, int seq) {
        boolean visible() {
            return space.visible() && org.org().visible();
        }
    }

    record AppEntry(Application app, SpaceEntry space, int seq) {
        boolean visible() {
            return space.visible();
        }
    }

    record DomainEntry(Domain domain, int seq) {}

    /** A route with the apps it leads to, in mapping order; it belongs to the space of the first app. */
    record RouteEntry(String id, RouteMapping mapping, DomainEntry domain, List<AppEntry> apps, int seq) {
        SpaceEntry space() {
            return apps.get(0).space();
        }

        boolean visible() {
            return space().visible();
        }

        /** The host name without the domain; empty for a route on the bare domain. */
        String host() {
            String name = mapping.hostName();
            String domainName = domain.domain().name();
            return name.equals(domainName) ? "" : name.substring(0, name.length() - domainName.length() - 1);
        }
    }

    private final Foundation foundation;
    private final List<OrgEntry> orgs = new ArrayList<>();
    private final List<SpaceEntry> spaces = new ArrayList<>();
    private final List<AppEntry> apps = new ArrayList<>();
    private final List<RouteEntry> routes = new ArrayList<>();
    private final List<DomainEntry> domains = new ArrayList<>();
    private final Map<String, AppEntry> appsByProcessId = new HashMap<>();
    private final Map<String, List<RouteEntry>> externalRoutesByHost;
    private final Map<String, RouteEntry> internalRoutesByHost = new HashMap<>();

    Directory(Foundation foundation) {
        this.foundation = foundation;
        for (Domain domain : foundation.domains()) {
            domains.add(new DomainEntry(domain, domains.size()));
        }
        Map<String, DomainEntry> domainsById = byId(domains, d -> d.domain().id());
        Map<String, List<AppEntry>> destinations = new LinkedHashMap<>();
        Map<String, RouteMapping> mappings = new HashMap<>();
        for (Organization org : foundation.organizations()) {
            OrgEntry orgEntry = new OrgEntry(org, orgs.size());
            orgs.add(orgEntry);
            for (Space space : org.spaces()) {
                SpaceEntry spaceEntry = new SpaceEntry(space, orgEntry, spaces.size());
                spaces.add(spaceEntry);
                for (Application app : space.applications()) {
                    AppEntry appEntry = new AppEntry(app, spaceEntry, apps.size());
                    apps.add(appEntry);
                    appsByProcessId.put(app.processId(), appEntry);
                    for (RouteMapping route : app.routes()) {
                        mappings.putIfAbsent(route.url(), route);
                        destinations
                                .computeIfAbsent(route.url(), url -> new ArrayList<>())
                                .add(appEntry);
                    }
                }
            }
        }
        destinations.forEach((url, targets) -> {
            RouteMapping mapping = mappings.get(url);
            DomainEntry domain =
                    domainsById.get(foundation.domainOf(mapping).orElseThrow().id());
            routes.add(new RouteEntry(Guids.of("route", url), mapping, domain, List.copyOf(targets), routes.size()));
        });
        for (RouteEntry route : routes) {
            if (route.mapping().internal()) {
                internalRoutesByHost.put(route.mapping().hostName(), route);
            }
        }
        externalRoutesByHost = routes.stream()
                .filter(r -> !r.mapping().internal())
                .sorted(Comparator.comparingInt(
                        (RouteEntry r) -> -r.mapping().path().length()))
                .collect(Collectors.groupingBy(r -> r.mapping().hostName()));
    }

    private static <T> Map<String, T> byId(List<T> entries, Function<T, String> id) {
        return entries.stream().collect(Collectors.toMap(id, e -> e));
    }

    /** An ISO-8601 timestamp for {@code created_at}/{@code updated_at}: a minute per sequence number. */
    static String timestamp(int seq) {
        return FIRST_CREATED.plusSeconds(seq * 60L).toString();
    }

    Foundation foundation() {
        return foundation;
    }

    List<OrgEntry> visibleOrgs() {
        return orgs.stream().filter(o -> o.org().visible()).toList();
    }

    List<SpaceEntry> visibleSpaces() {
        return spaces.stream().filter(SpaceEntry::visible).toList();
    }

    List<AppEntry> visibleApps() {
        return apps.stream().filter(AppEntry::visible).toList();
    }

    List<RouteEntry> visibleRoutes() {
        return routes.stream().filter(RouteEntry::visible).toList();
    }

    List<DomainEntry> domains() {
        return domains;
    }

    /** The app whose {@code web} process has this GUID, visible or not. */
    AppEntry appByProcessId(String processId) {
        return appsByProcessId.get(processId);
    }

    /** External routes on this host name, longest path first. */
    List<RouteEntry> externalRoutes(String hostName) {
        return externalRoutesByHost.getOrDefault(hostName, List.of());
    }

    /** The internal route with this host name ({@code worker.apps.internal}), or null. */
    RouteEntry internalRoute(String hostName) {
        return internalRoutesByHost.get(hostName);
    }
}
