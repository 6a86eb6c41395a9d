package io.promregator.core.cf.discovery;

import io.promregator.core.cf.CfRoute;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How one app instance is reached, as the original builds it: through the gorouter on the app's
 * route with {@code X-CF-APP-INSTANCE}; directly on an internal route ({@code <index>.<route>:<port>},
 * no header); or on a fixed {@code overrideRouteAndPath} (no header).
 */
final class InstanceAddress {
    static final String INSTANCE_HEADER = "X-CF-APP-INSTANCE";

    private InstanceAddress() {}

    /**
     * The route to use: the first http route matching the first of the preferred patterns that matches
     * any, else the first http route (tcp routes do not pass the gorouter).
     */
    static Optional<CfRoute> choose(List<CfRoute> routes, List<Pattern> preferred) {
        List<CfRoute> http =
                routes.stream().filter(r -> !"tcp".equals(r.protocol())).toList();
        for (Pattern pattern : preferred) {
            for (CfRoute route : http) {
                if (pattern.matcher(route.url()).matches()) {
                    return Optional.of(route);
                }
            }
        }
        return http.stream().findFirst();
    }

    static URI external(String protocol, CfRoute route, String path) {
        return URI.create(protocol + "://" + trimSlashes(route.url()) + "/" + stripLeadingSlashes(path));
    }

    static URI internal(CfRoute route, int index, int port, String path) {
        String url = trimSlashes(route.url());
        int slash = url.indexOf('/');
        String host = slash < 0 ? url : url.substring(0, slash);
        String routePath = slash < 0 ? "" : url.substring(slash);
        return URI.create("http://" + index + "." + host + ":" + port + routePath + "/" + stripLeadingSlashes(path));
    }

    static URI override(String protocol, String routeAndPath, String path) {
        return URI.create(protocol + "://" + trimSlashes(routeAndPath) + "/" + stripLeadingSlashes(path));
    }

    static Map<String, String> instanceHeader(String applicationId, int index) {
        return Map.of(INSTANCE_HEADER, applicationId + ":" + index);
    }

    static String stripLeadingSlashes(String path) {
        int i = 0;
        while (i < path.length() && path.charAt(i) == '/') {
            i++;
        }
        return path.substring(i);
    }

    private static String trimSlashes(String url) {
        int end = url.length();
        while (end > 0 && url.charAt(end - 1) == '/') {
            end--;
        }
        return url.substring(0, end);
    }
}
