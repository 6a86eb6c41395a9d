package io.promregator.simulator;

import java.util.Locale;
import java.util.Objects;

/**
 * A route mapped to an app, written as the Cloud Controller writes {@code url}: {@code host.domain[/path]},
 * no scheme. The foundation splits host and domain by its known domains.
 *
 * @param internal whether the route is on an internal domain, reachable as {@code [index.]url:port}
 * @param port the app's container port the route leads to (the destination port), usually 8080
 */
public record RouteMapping(String url, boolean internal, int port) {
    public static final int DEFAULT_PORT = 8080;

    public RouteMapping {
        Objects.requireNonNull(url, "url");
        if (url.contains("://") || url.isBlank() || url.startsWith("/") || url.contains(" ")) {
            throw new IllegalArgumentException("route: must be host.domain[/path] without scheme. Found: " + url);
        }
        int slash = url.indexOf('/');
        String hostName = slash < 0 ? url : url.substring(0, slash);
        String path = slash < 0 ? "" : url.substring(slash);
        if (path.endsWith("/")) {
            throw new IllegalArgumentException("route: the path must not end with '/'. Found: " + url);
        }
        if (internal && !path.isEmpty()) {
            throw new IllegalArgumentException("route: internal routes have no path. Found: " + url);
        }
        url = hostName.toLowerCase(Locale.ROOT) + path;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("route port: must be between 1 and 65535. Found: " + port);
        }
    }

    /** The host name part: {@code host.domain}. */
    public String hostName() {
        int slash = url.indexOf('/');
        return slash < 0 ? url : url.substring(0, slash);
    }

    /** The path part, starting with {@code /}; empty when the route has none. */
    public String path() {
        int slash = url.indexOf('/');
        return slash < 0 ? "" : url.substring(slash);
    }
}
