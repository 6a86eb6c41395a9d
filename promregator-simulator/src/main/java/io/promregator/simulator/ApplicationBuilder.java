package io.promregator.simulator;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Builds an {@link Application} inside {@link SpaceBuilder#app(String, Consumer)}. Defaults: started, one
 * running instance, no route, metrics on {@code /metrics} in text 0.0.4 without authentication.
 */
public final class ApplicationBuilder {
    private final String name;
    private String id;
    private boolean started = true;
    private List<InstanceState> instances = List.of(InstanceState.RUNNING);
    private final List<RouteMapping> routes = new ArrayList<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> annotations = new LinkedHashMap<>();
    private String metricsPath = "/metrics";
    private MetricsFormat metricsFormat = MetricsFormat.PROMETHEUS_TEXT;
    private String metricsUsername = "";
    private String metricsPassword = "";
    private String appNameLabel = "";
    private List<URI> backends = List.of();

    ApplicationBuilder(String orgName, String spaceName, String name) {
        this.name = name;
        this.id = Guids.of("app", orgName, spaceName, name);
    }

    /** Uses this GUID instead of the one derived from the names. */
    public ApplicationBuilder id(String guid) {
        this.id = Guids.require(guid, "app id");
        return this;
    }

    /** One instance per state, by index: {@code instances("RUNNING", "RUNNING", "CRASHED")}. */
    public ApplicationBuilder instances(String... states) {
        this.instances = Arrays.stream(states).map(InstanceState::parse).toList();
        return this;
    }

    public ApplicationBuilder instances(InstanceState... states) {
        this.instances = List.of(states);
        return this;
    }

    /** {@code count} running instances. */
    public ApplicationBuilder instances(int count) {
        this.instances = Collections.nCopies(count, InstanceState.RUNNING);
        return this;
    }

    /** Desired state STOPPED: every instance reports DOWN. */
    public ApplicationBuilder stopped() {
        this.started = false;
        return this;
    }

    /** Maps an external route {@code host.domain[/path]}. */
    public ApplicationBuilder route(String url) {
        routes.add(new RouteMapping(url, false, RouteMapping.DEFAULT_PORT));
        return this;
    }

    /** Maps an internal route such as {@code worker.apps.internal}, on container port 8080. */
    public ApplicationBuilder internalRoute(String url) {
        return internalRoute(url, RouteMapping.DEFAULT_PORT);
    }

    public ApplicationBuilder internalRoute(String url, int port) {
        routes.add(new RouteMapping(url, true, port));
        return this;
    }

    public ApplicationBuilder label(String key, String value) {
        labels.put(key, value);
        return this;
    }

    public ApplicationBuilder annotation(String key, String value) {
        annotations.put(key, value);
        return this;
    }

    public ApplicationBuilder metricsPath(String path) {
        this.metricsPath = path;
        return this;
    }

    /** OpenMetrics for scrapers that accept it, text 0.0.4 for the others. */
    public ApplicationBuilder openMetrics() {
        return metricsFormat(MetricsFormat.OPENMETRICS);
    }

    public ApplicationBuilder metricsFormat(MetricsFormat format) {
        this.metricsFormat = format;
        return this;
    }

    /** The metrics path answers 401 unless the request carries these HTTP Basic credentials. */
    public ApplicationBuilder metricsBasicAuth(String username, String password) {
        this.metricsUsername = username;
        this.metricsPassword = password;
        return this;
    }

    /** The instances label their own samples {@code app_name="<value>"}, as some apps do. */
    public ApplicationBuilder appNameLabel(String value) {
        this.appNameLabel = value;
        return this;
    }

    /**
     * Real servers instead of the built-in metrics: one running instance per base URL
     * ({@code http://host:port[/path]}), instance {@code i} served by {@code baseUrls[i]}. The gorouter
     * forwards any request for the app's routes (method, Host, path, query, headers but the hop-by-hop ones
     * and {@code X-CF-APP-INSTANCE}, body) and streams the answer back. Call {@link #instances(InstanceState...)}
     * afterwards, with as many states, to start them in other states.
     */
    public ApplicationBuilder backends(URI... baseUrls) {
        this.backends = List.of(baseUrls);
        this.instances = Collections.nCopies(baseUrls.length, InstanceState.RUNNING);
        return this;
    }

    Application build() {
        return new Application(
                id,
                name,
                started,
                instances,
                routes,
                labels,
                annotations,
                metricsPath,
                metricsFormat,
                metricsUsername,
                metricsPassword,
                appNameLabel,
                backends);
    }
}
