package io.promregator.core.cf.cache;

import io.promregator.core.cf.CfApplication;
import io.promregator.core.cf.CfInstanceState;
import io.promregator.core.cf.CfOrganization;
import io.promregator.core.cf.CfProcess;
import io.promregator.core.cf.CfRoute;
import io.promregator.core.cf.CfSpace;
import io.promregator.core.cf.CloudController;
import io.promregator.core.config.CfCache;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * Caches each kind of Cloud Controller lookup as the original did, with its own refresh
 * ({@code cf.cache.timeout.*}) and expiry ({@code cf.cache.expiry.*}). Keys are the sets of names or
 * guids asked for, so a repeated discovery asks nothing until a refresh is due. Routes carry their
 * domains (one call), so the {@code domain} settings and invalidation apply to the route cache as well.
 * Thread-safe.
 */
public final class CachingCloudController implements CloudController {
    /** The caches {@code /cache/invalidate} can empty, by the original's parameter names. */
    public enum Kind {
        ORG,
        SPACE,
        APPLICATION,
        DOMAIN,
        ROUTE,
        PROCESS;

        public String parameter() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final CloudController delegate;
    private final RefreshingCache<Set<String>, List<CfOrganization>> organizations;
    private final RefreshingCache<Set<String>, List<CfSpace>> spaces;
    private final RefreshingCache<Set<String>, List<CfApplication>> applications;
    private final RefreshingCache<Set<String>, List<CfProcess>> processes;
    private final RefreshingCache<Set<String>, List<CfRoute>> routes;
    private final RefreshingCache<String, List<CfInstanceState>> instances;

    public CachingCloudController(
            CloudController delegate, CfCache settings, Executor refresher, LongSupplier nanoTime) {
        this.delegate = delegate;
        CfCache.Timeout timeout = settings.timeout();
        CfCache.Expiry expiry = settings.expiry();
        organizations =
                new RefreshingCache<>("org", seconds(timeout.org()), seconds(expiry.org()), refresher, nanoTime);
        spaces = new RefreshingCache<>("space", seconds(timeout.space()), seconds(expiry.space()), refresher, nanoTime);
        applications = new RefreshingCache<>(
                "application", seconds(timeout.application()), seconds(expiry.application()), refresher, nanoTime);
        processes = new RefreshingCache<>(
                "process", seconds(timeout.process()), seconds(expiry.process()), refresher, nanoTime);
        routes = new RefreshingCache<>(
                "route",
                seconds(Math.min(timeout.route(), timeout.domain())),
                seconds(Math.max(expiry.route(), expiry.domain())),
                refresher,
                nanoTime);
        // Instance states change quickly: refreshed like processes, but soon.
        instances = new RefreshingCache<>(
                "instances", seconds(Math.min(30, timeout.process())), seconds(expiry.process()), refresher, nanoTime);
    }

    private static Duration seconds(int value) {
        return Duration.ofSeconds(value);
    }

    private static Set<String> key(Collection<String> values) {
        return Collections.unmodifiableSet(new TreeSet<>(values));
    }

    @Override
    public List<CfOrganization> organizations(Collection<String> names) {
        return organizations.get(key(names), delegate::organizations);
    }

    @Override
    public List<CfSpace> spaces(Collection<String> organizationIds) {
        return spaces.get(key(organizationIds), delegate::spaces);
    }

    @Override
    public List<CfApplication> applications(Collection<String> spaceIds) {
        return applications.get(key(spaceIds), delegate::applications);
    }

    @Override
    public List<CfProcess> webProcesses(Collection<String> spaceIds) {
        return processes.get(key(spaceIds), delegate::webProcesses);
    }

    @Override
    public List<CfRoute> routes(Collection<String> spaceIds) {
        return routes.get(key(spaceIds), delegate::routes);
    }

    @Override
    public List<CfInstanceState> instances(String processId) {
        return instances.get(processId, delegate::instances);
    }

    /** Hits, misses, loads and size of each cache. */
    public List<CacheStatistics> statistics() {
        return List.of(
                organizations.statistics(),
                spaces.statistics(),
                applications.statistics(),
                processes.statistics(),
                routes.statistics(),
                instances.statistics());
    }

    /** Empties the caches of these kinds, as {@code /cache/invalidate} asks. */
    public void invalidate(Set<Kind> kinds) {
        Map<Kind, Runnable> actions = Map.of(
                Kind.ORG, organizations::invalidateAll,
                Kind.SPACE, spaces::invalidateAll,
                Kind.APPLICATION, applications::invalidateAll,
                Kind.DOMAIN, routes::invalidateAll,
                Kind.ROUTE, routes::invalidateAll,
                Kind.PROCESS,
                        () -> {
                            processes.invalidateAll();
                            instances.invalidateAll();
                        });
        kinds.forEach(kind -> actions.get(kind).run());
    }
}
