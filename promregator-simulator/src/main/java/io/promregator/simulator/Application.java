package io.promregator.simulator;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An app with one {@code web} process. Build it with {@link ApplicationBuilder} inside a space.
 *
 * @param started the desired state: {@code STARTED} or {@code STOPPED}; a stopped app reports every
 *     instance {@code DOWN} and the gorouter reaches none of them
 * @param instances the state of each instance by index; their number is the process's {@code instances}
 * @param labels {@code metadata.labels}, sorted by key
 * @param annotations {@code metadata.annotations}, sorted by key
 * @param metricsPath where each instance serves its metrics, e.g. {@code /metrics}
 * @param metricsFormat {@link MetricsFormat#OPENMETRICS} when the instances speak OpenMetrics to
 *     scrapers that accept it (text 0.0.4 otherwise), {@link MetricsFormat#PROMETHEUS_TEXT} for text
 *     0.0.4 only
 * @param metricsUsername user for HTTP Basic authentication on the metrics path; empty for none
 * @param metricsPassword password for HTTP Basic authentication on the metrics path
 * @param appNameLabel when not empty, the instances label their own samples {@code app_name="<this>"}
 * @param backends empty for instances that serve the built-in metrics; otherwise one base URL per instance
 *     ({@code http://host:port[/path]}): the gorouter forwards every request for instance {@code i} to
 *     {@code backends.get(i)}, whatever its path
 */
public record Application(
        String id,
        String name,
        boolean started,
        List<InstanceState> instances,
        List<RouteMapping> routes,
        Map<String, String> labels,
        Map<String, String> annotations,
        String metricsPath,
        MetricsFormat metricsFormat,
        String metricsUsername,
        String metricsPassword,
        String appNameLabel,
        List<URI> backends) {

    public Application {
        Guids.require(id, "app id");
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("app name: must not be blank");
        }
        instances = List.copyOf(instances);
        routes = List.copyOf(routes);
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
        Objects.requireNonNull(metricsPath, "metricsPath");
        if (!metricsPath.startsWith("/")) {
            throw new IllegalArgumentException("metrics path: must start with '/'. Found: " + metricsPath);
        }
        Objects.requireNonNull(metricsFormat, "metricsFormat");
        metricsUsername = Objects.requireNonNullElse(metricsUsername, "");
        metricsPassword = Objects.requireNonNullElse(metricsPassword, "");
        appNameLabel = Objects.requireNonNullElse(appNameLabel, "");
        backends = List.copyOf(backends);
        backends.forEach(Application::requireBackend);
        if (!backends.isEmpty() && backends.size() != instances.size()) {
            throw new IllegalArgumentException("backends: app " + name + " has " + instances.size()
                    + " instances, so it needs as many backends, one per instance. Found: " + backends.size());
        }
    }

    private static void requireBackend(URI backend) {
        if (!"http".equals(backend.getScheme())
                || backend.getHost() == null
                || backend.getRawQuery() != null
                || backend.getRawFragment() != null
                || (backend.getRawPath() != null && backend.getRawPath().endsWith("/"))) {
            throw new IllegalArgumentException(
                    "backend: must be http://host[:port][/path] (no trailing slash, query or fragment). Found: "
                            + backend);
        }
    }

    /** The GUID of the app's {@code web} process. */
    public String processId() {
        return Guids.of("process", id);
    }

    /** Whether instance {@code index} exists, the app is started and the instance runs: the gorouter reaches it. */
    public boolean isRoutable(int index) {
        return started && index >= 0 && index < instances.size() && instances.get(index) == InstanceState.RUNNING;
    }

    /** Whether the metrics path asks for HTTP Basic authentication. */
    public boolean requiresMetricsAuth() {
        return !metricsUsername.isEmpty();
    }

    public Application withStarted(boolean value) {
        return new Application(
                id,
                name,
                value,
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

    public Application withInstances(List<InstanceState> value) {
        return new Application(
                id,
                name,
                started,
                value,
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

    /**
     * Served by these backends, one per instance (none: the built-in metrics). The instance count becomes
     * their number: existing instances keep their state, new ones are {@code RUNNING}.
     */
    public Application withBackends(List<URI> value) {
        List<InstanceState> states = new ArrayList<>(instances.subList(0, Math.min(value.size(), instances.size())));
        while (!value.isEmpty() && states.size() < value.size()) {
            states.add(InstanceState.RUNNING);
        }
        return new Application(
                id,
                name,
                started,
                value.isEmpty() ? instances : states,
                routes,
                labels,
                annotations,
                metricsPath,
                metricsFormat,
                metricsUsername,
                metricsPassword,
                appNameLabel,
                value);
    }

    /** Whether real backends serve the instances (rather than the built-in metrics). */
    public boolean hasBackends() {
        return !backends.isEmpty();
    }

    /**
     * Scaled to {@code count} instances: new ones are {@code RUNNING}, surplus ones are removed from the end
     * (with their backends). An app served by backends cannot grow this way: give it more backends instead.
     */
    public Application scaled(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("instances: must be 0 or more. Found: " + count);
        }
        if (hasBackends() && count > backends.size()) {
            throw new IllegalArgumentException("instances: app " + name + " is served by " + backends.size()
                    + " backends; scale it with LiveFoundation.backends(...). Found: " + count);
        }
        List<InstanceState> states = new ArrayList<>(instances.subList(0, Math.min(count, instances.size())));
        while (states.size() < count) {
            states.add(InstanceState.RUNNING);
        }
        List<URI> kept = hasBackends() ? backends.subList(0, count) : backends;
        return new Application(
                id,
                name,
                started,
                states,
                routes,
                labels,
                annotations,
                metricsPath,
                metricsFormat,
                metricsUsername,
                metricsPassword,
                appNameLabel,
                kept);
    }

    /** With instance {@code index} in the given state. */
    public Application withInstanceState(int index, InstanceState state) {
        if (index < 0 || index >= instances.size()) {
            throw new IllegalArgumentException(
                    "instance index: must be below " + instances.size() + " for app " + name + ". Found: " + index);
        }
        List<InstanceState> states = new ArrayList<>(instances);
        states.set(index, Objects.requireNonNull(state, "state"));
        return withInstances(states);
    }
}
