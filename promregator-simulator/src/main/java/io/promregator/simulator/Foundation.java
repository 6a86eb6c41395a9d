package io.promregator.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * What a simulated Cloud Foundry foundation contains: organizations, spaces, apps with their instances and
 * routes, and the shared domains. Immutable; {@link LiveFoundation} swaps in changed copies while a
 * simulator runs. GUIDs derive from names unless given, so they are the same on every run.
 */
public record Foundation(List<Organization> organizations, List<Domain> domains) {
    public Foundation {
        organizations = List.copyOf(organizations);
        domains = List.copyOf(domains);
        Set<String> names = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (Domain domain : domains) {
            requireUnique(names, "domain:" + domain.name(), "domain names", domain.name());
            requireUnique(ids, domain.id(), "GUIDs", domain.id());
        }
        Map<String, RouteMapping> routes = new HashMap<>();
        for (Organization org : organizations) {
            requireUnique(names, "org:" + org.name().toLowerCase(Locale.ROOT), "organization names", org.name());
            requireUnique(ids, org.id(), "GUIDs", org.id());
            for (Space space : org.spaces()) {
                requireUnique(ids, space.id(), "GUIDs", space.id());
                for (Application app : space.applications()) {
                    requireUnique(ids, app.id(), "GUIDs", app.id());
                    for (RouteMapping route : app.routes()) {
                        checkRoute(domains, routes, route);
                    }
                }
            }
        }
    }

    private static void checkRoute(List<Domain> domains, Map<String, RouteMapping> routes, RouteMapping route) {
        Domain domain = domainOf(domains, route)
                .orElseThrow(() -> new IllegalArgumentException(
                        "route " + route.url() + ": no domain of the foundation matches its host"));
        if (domain.internal() != route.internal()) {
            throw new IllegalArgumentException("route " + route.url() + ": must be "
                    + (domain.internal() ? "an internal route" : "an external route") + " on domain "
                    + domain.name());
        }
        RouteMapping earlier = routes.putIfAbsent(route.url(), route);
        if (earlier != null && !earlier.equals(route)) {
            throw new IllegalArgumentException("route " + route.url() + ": mapped with different ports or kinds");
        }
    }

    private static void requireUnique(Set<String> seen, String key, String what, String value) {
        if (!seen.add(key)) {
            throw new IllegalArgumentException("foundation: " + what + " must be unique. Found twice: " + value);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts with this foundation's organizations and domains, to add more to a copy. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        domains.forEach(domain -> builder.domains.put(domain.name(), domain));
        builder.organizations.addAll(organizations);
        return builder;
    }

    /**
     * The demo foundation, three orgs on {@code apps.example.com}. {@code demo-org/production}: {@code shop}
     * (RUNNING, RUNNING, CRASHED; OpenMetrics; label {@code team=checkout}), {@code billing} (RUNNING,
     * STARTING, DOWN), {@code reports} (STOPPED, 2 instances), {@code batch} (no route),
     * {@code internal-worker} (2 instances, internal route {@code worker.apps.internal}),
     * {@code annotated-api} ({@code prometheus.io/scrape: "true"}, {@code prometheus.io/path} and metrics on
     * {@code /actuator/prometheus}), {@code legacy} (labels its own samples
     * {@code app_name="legacy-monolith"}). {@code demo-org/staging}: another {@code shop} (RUNNING, STOPPING).
     * {@code platform-org/tools}: {@code secured-exporter} (metrics behind Basic auth
     * {@code metrics}/{@code s3cret}), {@code handbook} (path route {@code docs.apps.example.com/handbook},
     * metrics on {@code /handbook/metrics}); {@code platform-org/restricted} is invisible to the user.
     * {@code hidden-org} is invisible altogether.
     */
    public static Foundation demo() {
        return ReadyFoundations.demo();
    }

    /**
     * A large foundation for benchmarks: {@code orgs × spacesPerOrg × appsPerSpace} started apps, each with
     * {@code instancesPerApp} running instances and one route {@code <app>.apps.example.com}. Apps are named
     * {@code app-<org>-<space>-<app>} (from 1), spaces {@code space-<n>}, orgs {@code org-<n>}.
     */
    public static Foundation large(int orgs, int spacesPerOrg, int appsPerSpace, int instancesPerApp) {
        return ReadyFoundations.large(orgs, spacesPerOrg, appsPerSpace, instancesPerApp);
    }

    /** The domain a route lies on: the longest domain name its host equals or ends with. */
    public Optional<Domain> domainOf(RouteMapping route) {
        return domainOf(domains, route);
    }

    private static Optional<Domain> domainOf(List<Domain> domains, RouteMapping route) {
        String host = route.hostName();
        return domains.stream()
                .filter(d -> host.equals(d.name()) || host.endsWith("." + d.name()))
                .max(Comparator.comparingInt(d -> d.name().length()));
    }

    /** Every app, in definition order. */
    public List<Application> applications() {
        List<Application> apps = new ArrayList<>();
        organizations.forEach(o -> o.spaces().forEach(s -> apps.addAll(s.applications())));
        return apps;
    }

    /**
     * The app with this GUID, or the only app with this name (ignoring case).
     *
     * @throws IllegalArgumentException when there is none, or several apps have the name
     */
    public Application application(String nameOrId) {
        List<Application> found = applications().stream()
                .filter(a -> a.id().equals(nameOrId) || a.name().equalsIgnoreCase(nameOrId))
                .toList();
        if (found.size() != 1) {
            throw new IllegalArgumentException("app: " + (found.isEmpty() ? "none" : "more than one")
                    + " has the name or GUID " + nameOrId + (found.isEmpty() ? "" : "; use its GUID"));
        }
        return found.get(0);
    }

    /** The app of this name in this space of this organization. */
    public Application application(String org, String space, String app) {
        return organization(org).spaces().stream()
                .filter(s -> s.name().equalsIgnoreCase(space))
                .flatMap(s -> s.applications().stream())
                .filter(a -> a.name().equalsIgnoreCase(app))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("app: none named " + org + "/" + space + "/" + app));
    }

    /** The organization of this name (ignoring case). */
    public Organization organization(String name) {
        return organizations.stream()
                .filter(o -> o.name().equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("organization: none named " + name));
    }

    /** A copy in which the app with this name or GUID is replaced by {@code change.apply(app)}. */
    public Foundation withApplication(String nameOrId, UnaryOperator<Application> change) {
        String id = application(nameOrId).id();
        List<Organization> orgs = organizations.stream()
                .map(o -> o.withSpaces(o.spaces().stream()
                        .map(s -> s.withApplications(s.applications().stream()
                                .map(a -> a.id().equals(id) ? change.apply(a) : a)
                                .toList()))
                        .toList()))
                .toList();
        return new Foundation(orgs, domains);
    }

    /** Collects organizations and domains; domains that routes need but nobody declared are added. */
    public static final class Builder {
        private final Map<String, Domain> domains = new LinkedHashMap<>();
        private final List<Organization> organizations = new ArrayList<>();

        private Builder() {}

        /** Declares an external shared domain, e.g. {@code apps.example.com}. */
        public Builder domain(String name) {
            Domain domain = Domain.named(name, false);
            domains.put(domain.name(), domain);
            return this;
        }

        /** Declares an internal domain; {@code apps.internal} needs no declaration. */
        public Builder internalDomain(String name) {
            Domain domain = Domain.named(name, true);
            domains.put(domain.name(), domain);
            return this;
        }

        public Builder org(String name, Consumer<OrganizationBuilder> content) {
            OrganizationBuilder builder = new OrganizationBuilder(name);
            content.accept(builder);
            organizations.add(builder.build());
            return this;
        }

        public Builder org(String name) {
            return org(name, org -> {});
        }

        public Foundation build() {
            List<Domain> known = new ArrayList<>(domains.values());
            for (Organization org : organizations) {
                for (Space space : org.spaces()) {
                    for (Application app : space.applications()) {
                        app.routes().forEach(route -> addDomainFor(known, route));
                    }
                }
            }
            return new Foundation(organizations, known);
        }

        private static void addDomainFor(List<Domain> known, RouteMapping route) {
            if (domainOf(known, route).isPresent()) {
                return;
            }
            String host = route.hostName();
            int dot = host.indexOf('.');
            if (dot < 0) {
                throw new IllegalArgumentException("route " + route.url() + ": must be host.domain");
            }
            known.add(Domain.named(host.substring(dot + 1), route.internal()));
        }
    }
}
