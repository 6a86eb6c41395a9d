package io.promregator.core.config;

import java.util.List;
import java.util.Objects;

/**
 * Everything under {@code promregator.*}.
 *
 * @param targets Cloud Foundry applications to scrape
 * @param staticTargets endpoints outside Cloud Foundry (new key)
 * @param authenticator the global outbound authenticator
 * @param targetAuthenticators outbound authenticators that targets refer to by id
 * @param authentication the inbound Basic user
 * @param defaultInternalRoutePort port for internal routes of targets without one
 */
public record PromregatorSettings(
        List<CfTarget> targets,
        List<StaticTarget> staticTargets,
        @Key(noEffect = "id") Authenticator authenticator,
        List<Authenticator> targetAuthenticators,
        Authentication authentication,
        Endpoint endpoint,
        DiscoveryEndpoint discovery,
        Discoverer discoverer,
        @Key(Check.PORT) int defaultInternalRoutePort,
        Scraping scraping,
        Metrics metrics,
        Cache cache,
        @Key(implemented = false) Gc gc,
        @Key(implemented = false) Reactor reactor,
        @Key(implemented = false) Workaround workaround,
        @Key(implemented = false) Simulation simulation) {

    public PromregatorSettings {
        targets = targets == null ? List.of() : List.copyOf(targets);
        staticTargets = staticTargets == null ? List.of() : List.copyOf(staticTargets);
        authenticator = Objects.requireNonNullElseGet(authenticator, Authenticator::defaults);
        targetAuthenticators = targetAuthenticators == null ? List.of() : List.copyOf(targetAuthenticators);
        authentication = Objects.requireNonNullElseGet(authentication, Authentication::defaults);
        endpoint = Objects.requireNonNullElseGet(endpoint, Endpoint::defaults);
        discovery = Objects.requireNonNullElseGet(discovery, DiscoveryEndpoint::defaults);
        discoverer = Objects.requireNonNullElseGet(discoverer, Discoverer::defaults);
        scraping = Objects.requireNonNullElseGet(scraping, Scraping::defaults);
        metrics = Objects.requireNonNullElseGet(metrics, Metrics::defaults);
        cache = Objects.requireNonNullElseGet(cache, Cache::defaults);
        gc = Objects.requireNonNullElseGet(gc, Gc::defaults);
        reactor = Objects.requireNonNullElseGet(reactor, Reactor::defaults);
        workaround = Objects.requireNonNullElseGet(workaround, Workaround::defaults);
        simulation = Objects.requireNonNullElseGet(simulation, Simulation::defaults);
    }

    public static PromregatorSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.targets = targets;
        builder.staticTargets = staticTargets;
        builder.authenticator = authenticator;
        builder.targetAuthenticators = targetAuthenticators;
        builder.authentication = authentication;
        builder.endpoint = endpoint;
        builder.discovery = discovery;
        builder.discoverer = discoverer;
        builder.defaultInternalRoutePort = defaultInternalRoutePort;
        builder.scraping = scraping;
        builder.metrics = metrics;
        builder.cache = cache;
        builder.gc = gc;
        builder.reactor = reactor;
        builder.workaround = workaround;
        builder.simulation = simulation;
        return builder;
    }

    /**
     * {@code promregator.discoverer.*}.
     *
     * @param timeout seconds after its last scrape before a target's own per-target series are removed
     * @param readyAfterFirstDiscovery whether {@code /-/ready} answers 503 until the first Cloud Foundry
     *     discovery has completed or failed (new key); false: ready at once, as before
     */
    public record Discoverer(@Key(Check.SECONDS) int timeout, boolean readyAfterFirstDiscovery) {
        public static Discoverer defaults() {
            return new Discoverer(600, true);
        }
    }

    /** {@code promregator.cache.invalidate.auth}: who may call {@code /cache/invalidate}. */
    public record Cache(Invalidate invalidate) {
        public Cache {
            invalidate = Objects.requireNonNullElseGet(invalidate, () -> new Invalidate(EndpointAuth.NONE));
        }

        public static Cache defaults() {
            return new Cache(null);
        }

        public record Invalidate(EndpointAuth auth) {
            public Invalidate {
                auth = Objects.requireNonNullElse(auth, EndpointAuth.NONE);
            }

            public static Invalidate defaults() {
                return new Invalidate(EndpointAuth.NONE);
            }
        }
    }

    /** {@code promregator.gc.rate}: seconds between explicit garbage collections. */
    public record Gc(@Key(Check.SECONDS) int rate) {
        public static Gc defaults() {
            return new Gc(1200);
        }
    }

    /** {@code promregator.reactor.debug}. */
    public record Reactor(boolean debug) {
        public static Reactor defaults() {
            return new Reactor(false);
        }
    }

    /** {@code promregator.workaround.dnscache.timeout}: the JVM's DNS cache TTL in seconds; -1 leaves it. */
    public record Workaround(DnsCache dnscache) {
        public Workaround {
            dnscache = Objects.requireNonNullElseGet(dnscache, DnsCache::defaults);
        }

        public static Workaround defaults() {
            return new Workaround(null);
        }

        public record DnsCache(
                @Key(Check.AT_LEAST_MINUS_ONE) int timeout) {
            public static DnsCache defaults() {
                return new DnsCache(-1);
            }
        }
    }

    /** {@code promregator.simulation.*}: the original's undocumented load-test mode. */
    public record Simulation(
            boolean enabled, @Key(Check.AT_LEAST_ONE) int instances) {
        public static Simulation defaults() {
            return new Simulation(false, 10);
        }
    }

    /** Starts from the original's defaults. */
    public static final class Builder {
        private List<CfTarget> targets = List.of();
        private List<StaticTarget> staticTargets = List.of();
        private Authenticator authenticator = Authenticator.defaults();
        private List<Authenticator> targetAuthenticators = List.of();
        private Authentication authentication = Authentication.defaults();
        private Endpoint endpoint = Endpoint.defaults();
        private DiscoveryEndpoint discovery = DiscoveryEndpoint.defaults();
        private Discoverer discoverer = Discoverer.defaults();
        private int defaultInternalRoutePort = 8080;
        private Scraping scraping = Scraping.defaults();
        private Metrics metrics = Metrics.defaults();
        private Cache cache = Cache.defaults();
        private Gc gc = Gc.defaults();
        private Reactor reactor = Reactor.defaults();
        private Workaround workaround = Workaround.defaults();
        private Simulation simulation = Simulation.defaults();

        private Builder() {}

        public Builder targets(List<CfTarget> value) {
            this.targets = value;
            return this;
        }

        public Builder staticTargets(List<StaticTarget> value) {
            this.staticTargets = value;
            return this;
        }

        public Builder authenticator(Authenticator value) {
            this.authenticator = value;
            return this;
        }

        public Builder targetAuthenticators(List<Authenticator> value) {
            this.targetAuthenticators = value;
            return this;
        }

        public Builder authentication(Authentication value) {
            this.authentication = value;
            return this;
        }

        public Builder endpoint(Endpoint value) {
            this.endpoint = value;
            return this;
        }

        public Builder discovery(DiscoveryEndpoint value) {
            this.discovery = value;
            return this;
        }

        public Builder defaultInternalRoutePort(int value) {
            this.defaultInternalRoutePort = value;
            return this;
        }

        public Builder scraping(Scraping value) {
            this.scraping = value;
            return this;
        }

        public Builder metrics(Metrics value) {
            this.metrics = value;
            return this;
        }

        public PromregatorSettings build() {
            return new PromregatorSettings(
                    targets,
                    staticTargets,
                    authenticator,
                    targetAuthenticators,
                    authentication,
                    endpoint,
                    discovery,
                    discoverer,
                    defaultInternalRoutePort,
                    scraping,
                    metrics,
                    cache,
                    gc,
                    reactor,
                    workaround,
                    simulation);
        }
    }
}
