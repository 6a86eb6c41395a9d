package io.promregator.simulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.promregator.simulator.Directory.AppEntry;
import io.promregator.simulator.Directory.RouteEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated gorouter, serving as an HTTP forward proxy (absolute-form request targets) and by Host
 * header on the same port. External routes are matched by host and longest path prefix and reach the
 * running instances of started apps: by {@code X-CF-APP-INSTANCE: <appGuid>:<index>} or round-robin.
 * Internal routes ({@code [index.]host.apps.internal:port}) reach instances directly, as container
 * networking would. Errors follow the gorouter's plain-text writer. An app served by real backends
 * ({@link Application#backends()}) gets every request forwarded as the gorouter's reverse proxy forwards
 * it ({@link BackendRequest}), its answer streamed back; unaddressed requests skip a backend that cannot
 * be reached and try the next instance, up to three attempts in all, as the gorouter retries.
 */
final class Gorouter implements HttpHandler {
    private static final Logger logger = LoggerFactory.getLogger(Gorouter.class);
    static final String APP_INSTANCE_HEADER = "X-CF-APP-INSTANCE";
    private static final Pattern APP_INSTANCE = Pattern.compile("^([\\da-f]{8}-([\\da-f]{4}-){3}[\\da-f]{12}):(\\d+)$");
    private static final Pattern INDEXED_HOST = Pattern.compile("(\\d+)\\.(.+)");

    private record Endpoint(AppEntry app, int index) {}

    /** What to answer: a reply of our own, or a backend's response; the endpoint that answered, if any. */
    private record Routed(Reply reply, BackendResponse backend, Endpoint endpoint) {
        Routed(Reply reply, Endpoint endpoint) {
            this(reply, null, endpoint);
        }

        int status() {
            return backend == null ? reply.status() : backend.status();
        }

        void send(HttpExchange exchange) throws IOException {
            if (backend == null) {
                reply.send(exchange);
                return;
            }
            try (backend) {
                backend.sendTo(exchange);
            }
        }
    }

    private static final int MAX_ATTEMPTS = 3;

    private final LiveFoundation live;
    private final RequestLog log;
    private final Clock clock;
    private final Instant started;
    private final Map<String, AtomicInteger> nextEndpoint = new ConcurrentHashMap<>();

    Gorouter(LiveFoundation live, RequestLog log, Clock clock) {
        this.live = live;
        this.log = log;
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            URI uri = exchange.getRequestURI();
            String authority = uri.isAbsolute()
                    ? uri.getRawAuthority()
                    : exchange.getRequestHeaders().getFirst("Host");
            String hostPort = authority == null ? "" : authority.toLowerCase(Locale.ROOT);
            int colon = hostPort.lastIndexOf(':');
            String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            int port = colon < 0 ? 80 : parsePort(hostPort.substring(colon + 1));
            String path = requestPath(exchange);
            BackendRequest forwarded = new BackendRequest(
                    exchange.getRequestMethod(),
                    authority == null ? "" : authority,
                    path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()),
                    exchange.getRequestHeaders(),
                    body,
                    exchange.getRemoteAddress().getAddress().getHostAddress());
            Routed routed = host.isEmpty()
                    ? new Routed(routerError(400, "empty_host", "Request had empty Host header"), null)
                    : route(exchange, authority, host, port, forwarded);
            Endpoint endpoint = routed.endpoint();
            log.record(new GorouterRequest(
                    exchange.getRequestMethod(),
                    uri.toString(),
                    host,
                    exchange.getRequestHeaders(),
                    routed.status(),
                    endpoint == null ? "" : endpoint.app().app().id(),
                    endpoint == null ? -1 : endpoint.index()));
            routed.send(exchange);
        } catch (IOException e) {
            logger.debug("Client went away: {}", e.toString());
        }
    }

    private static String requestPath(HttpExchange exchange) {
        String path = exchange.getRequestURI().getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** @param authority the Host as sent, for messages; {@code host} is it in lower case without port */
    private Routed route(HttpExchange exchange, String authority, String host, int port, BackendRequest request) {
        String path = requestPath(exchange);
        Directory directory = live.directory();
        RouteEntry internal = directory.internalRoute(host);
        int index = -1;
        Matcher indexed = INDEXED_HOST.matcher(host);
        if (internal == null && indexed.matches()) {
            internal = directory.internalRoute(indexed.group(2));
            index = Integer.parseInt(indexed.group(1));
        }
        if (internal != null) {
            return internal(exchange, internal, index, port, request);
        }
        String instance = exchange.getRequestHeaders().getFirst(APP_INSTANCE_HEADER);
        boolean addressed = instance != null && !instance.isEmpty();
        Matcher header = APP_INSTANCE.matcher(addressed ? instance : "");
        if (addressed && !header.matches()) {
            return new Routed(
                    routerError(400, "invalid_cf_app_instance_header", "Invalid X-CF-App-Instance Header"), null);
        }
        RouteEntry route = directory.externalRoutes(host).stream()
                .filter(r -> pathMatches(r.mapping().path(), path))
                .findFirst()
                .orElse(null);
        List<Endpoint> pool = route == null ? List.of() : pool(route);
        if (addressed) {
            String appId = header.group(1);
            String appIndex = header.group(3);
            return pool.stream()
                    .filter(e -> e.app().app().id().equals(appId)
                            && Integer.toString(e.index()).equals(appIndex))
                    .findFirst()
                    .map(e -> forward(exchange, e, request))
                    .orElseGet(() -> new Routed(
                            routerError(
                                    400,
                                    "unknown_route",
                                    "Requested instance ('" + appIndex + "') with guid ('" + appId
                                            + "') does not exist for route ('" + authority + "')"),
                            null));
        }
        if (pool.isEmpty()) {
            return new Routed(
                    routerError(404, "unknown_route", "Requested route ('" + authority + "') does not exist."), null);
        }
        return forwardRoundRobin(exchange, route.id(), pool, request);
    }

    private Routed internal(HttpExchange exchange, RouteEntry route, int index, int port, BackendRequest request) {
        String name = route.mapping().hostName();
        if (port != route.mapping().port()) {
            return new Routed(Reply.text(502, "Bad Gateway: connection refused by " + name + ":" + port + "\n"), null);
        }
        List<Endpoint> pool = pool(route).stream()
                .filter(e -> index < 0 || e.index() == index)
                .toList();
        if (pool.isEmpty()) {
            String target = index < 0 ? name : index + "." + name;
            return new Routed(Reply.text(502, "Bad Gateway: no running instance answers as " + target + "\n"), null);
        }
        return index < 0
                ? forwardRoundRobin(exchange, route.id(), pool, request)
                : forward(exchange, pool.get(0), request);
    }

    private static boolean pathMatches(String routePath, String requestPath) {
        return routePath.isEmpty() || requestPath.equals(routePath) || requestPath.startsWith(routePath + "/");
    }

    /** The endpoints registered for a route: running instances of its started apps. */
    private static List<Endpoint> pool(RouteEntry route) {
        List<Endpoint> pool = new ArrayList<>();
        for (AppEntry app : route.apps()) {
            for (int i = 0; i < app.app().instances().size(); i++) {
                if (app.app().isRoutable(i)) {
                    pool.add(new Endpoint(app, i));
                }
            }
        }
        return pool;
    }

    private Endpoint next(String routeId, List<Endpoint> pool) {
        int turn =
                nextEndpoint.computeIfAbsent(routeId, id -> new AtomicInteger()).getAndIncrement();
        return pool.get(Math.floorMod(turn, pool.size()));
    }

    /** The next endpoints in turn until one answers; a backend that cannot be reached is skipped. */
    private Routed forwardRoundRobin(
            HttpExchange exchange, String routeId, List<Endpoint> pool, BackendRequest request) {
        Routed routed = null;
        for (int attempt = 0; attempt < Math.min(MAX_ATTEMPTS, pool.size()); attempt++) {
            routed = forward(exchange, next(routeId, pool), request);
            if (routed.endpoint() != null) {
                return routed;
            }
        }
        return routed;
    }

    private Routed forward(HttpExchange exchange, Endpoint endpoint, BackendRequest request) {
        Application app = endpoint.app().app();
        if (!app.hasBackends()) {
            return new Routed(instanceReply(app, endpoint.index(), exchange, requestPath(exchange)), endpoint);
        }
        URI backend = app.backends().get(endpoint.index());
        try {
            return new Routed(null, request.send(backend, clock.instant()), endpoint);
        } catch (IOException e) {
            logger.debug(
                    "Backend {} of {} instance {} failed: {}", backend, app.name(), endpoint.index(), e.toString());
            return new Routed(
                    routerError(502, "endpoint_failure", "Registered endpoint failed to handle the request."), null);
        }
    }

    private Reply instanceReply(Application app, int index, HttpExchange exchange, String path) {
        Headers headers = exchange.getRequestHeaders();
        if (!path.equals(app.metricsPath())) {
            return Reply.text(404, "Not Found\n");
        }
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Reply.text(405, "Method Not Allowed\n").withHeader("Allow", "GET, HEAD");
        }
        if (!AppInstanceMetrics.authorized(app, headers.getFirst("Authorization"))) {
            return Reply.text(401, "Unauthorized\n")
                    .withHeader("WWW-Authenticate", "Basic realm=\"" + app.name() + "\"");
        }
        double seconds = Duration.between(started, clock.instant()).toMillis() / 1000.0;
        boolean openMetrics = AppInstanceMetrics.answersOpenMetrics(app, headers.getFirst("Accept"));
        AppInstanceMetrics metrics = new AppInstanceMetrics(app, index, openMetrics, Math.max(0, seconds));
        Reply reply = Reply.text(200, metrics.body()).withContentType(metrics.contentType());
        String encodings = headers.getFirst("Accept-Encoding");
        if (encodings != null && encodings.toLowerCase(Locale.ROOT).contains("gzip")) {
            return new Reply(200, reply.contentType(), gzip(reply.body()), Map.of("Content-Encoding", "gzip"));
        }
        return reply;
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** An error as the gorouter's plain-text writer sends it: {@code "<status> <reason>: <message>\n"}. */
    private static Reply routerError(int status, String routerError, String message) {
        String reason = status == 404 ? "Not Found" : status == 502 ? "Bad Gateway" : "Bad Request";
        return Reply.text(status, status + " " + reason + ": " + message + "\n")
                .withHeader("X-Cf-Routererror", routerError)
                .withHeader("Cache-Control", "no-cache, no-store")
                .withHeader("X-Content-Type-Options", "nosniff");
    }
}
