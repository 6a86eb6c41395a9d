package io.promregator.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.promregator.simulator.Directory.AppEntry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated Cloud Controller: the global root, {@code /v3/info}, the list endpoints, single resources
 * and process stats, behind bearer-token authentication, with the knobs' latency, outage and rate limit
 * applied first. Logs every request.
 */
final class CloudControllerApi implements HttpHandler {
    private static final Logger logger = LoggerFactory.getLogger(CloudControllerApi.class);
    private static final Pattern STATS = Pattern.compile("/v3/processes/([^/]+)/stats");
    private static final Pattern SINGLE =
            Pattern.compile("/v3/(organizations|spaces|apps|processes|routes|domains)/([^/]+)");

    private final String apiUrl;
    private final LiveFoundation live;
    private final Knobs knobs;
    private final TokenStore tokens;
    private final RequestLog log;
    private final Clock clock;
    private final Instant started;
    private final ListEndpoints lists;
    private final ResourceJson resources;
    private final RouteJson routes;

    CloudControllerApi(
            String apiUrl, LiveFoundation live, Knobs knobs, TokenStore tokens, RequestLog log, Clock clock) {
        this.apiUrl = apiUrl;
        this.live = live;
        this.knobs = knobs;
        this.tokens = tokens;
        this.log = log;
        this.clock = clock;
        this.started = clock.instant();
        this.lists = new ListEndpoints(apiUrl);
        this.resources = new ResourceJson(apiUrl);
        this.routes = new RouteJson(apiUrl);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            pause(knobs.latency());
            if (knobs.outage() == Knobs.Outage.CONNECTION_CLOSED) {
                log.record(new CloudControllerRequest(method, path, query, 0));
                return; // closing an exchange that sent no headers closes the connection
            }
            Reply reply = answer(exchange, method, path, query);
            log.record(new CloudControllerRequest(method, path, query, reply.status()));
            reply.send(exchange);
        } catch (IOException e) {
            logger.debug("Client went away: {}", e.toString());
        }
    }

    private static void pause(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Reply answer(HttpExchange exchange, String method, String path, String query) {
        if (knobs.outage() == Knobs.Outage.SERVICE_UNAVAILABLE) {
            return CloudControllerErrors.serviceUnavailable();
        }
        if (!path.equals("/") && !path.equals("/v3")) {
            int retryAfter = knobs.takeRateLimit();
            if (retryAfter >= 0) {
                return CloudControllerErrors.rateLimited(
                        retryAfter, clock.instant().getEpochSecond() + retryAfter);
            }
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return CloudControllerErrors.unknownRequest();
        }
        if (path.equals("/")) {
            return Reply.json(200, RootJson.root(apiUrl));
        }
        if (path.equals("/v3/info")) {
            return Reply.json(200, RootJson.info(apiUrl));
        }
        Optional<Reply> refused = authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
        if (refused.isPresent()) {
            return refused.get();
        }
        try {
            return resource(path, parameters(query), live.directory());
        } catch (CloudControllerErrors.Rejected rejected) {
            return rejected.reply();
        }
    }

    private Optional<Reply> authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Optional.of(CloudControllerErrors.notAuthenticated());
        }
        String prefix = "bearer ";
        if (!authorization.regionMatches(true, 0, prefix, 0, prefix.length())
                || !tokens.isValidAccessToken(
                        authorization.substring(prefix.length()).trim())) {
            return Optional.of(CloudControllerErrors.invalidAuthToken());
        }
        return Optional.empty();
    }

    private static Map<String, String> parameters(String query) {
        try {
            return QueryString.parse(query);
        } catch (IllegalArgumentException e) {
            throw new CloudControllerErrors.Rejected(CloudControllerErrors.badQuery("malformed query string"));
        }
    }

    private Reply resource(String path, Map<String, String> params, Directory directory) {
        Optional<ObjectNode> list = lists.list(path, directory, params);
        if (list.isPresent()) {
            return Reply.json(200, list.get());
        }
        Matcher stats = STATS.matcher(path);
        if (stats.matches()) {
            return stats(directory.appByProcessId(stats.group(1)));
        }
        Matcher single = SINGLE.matcher(path);
        if (single.matches()) {
            return single(single.group(1), single.group(2), directory);
        }
        return CloudControllerErrors.unknownRequest();
    }

    private Reply stats(AppEntry app) {
        if (app == null || !app.visible()) {
            return CloudControllerErrors.notFound("Process");
        }
        if (knobs.statsUnavailable()) {
            return CloudControllerErrors.instancesUnavailable();
        }
        Instant now = clock.instant();
        long running = Math.max(0, Duration.between(started, now).toSeconds());
        return Reply.json(200, StatsJson.stats(app, now, running));
    }

    private Reply single(String kind, String id, Directory directory) {
        return switch (kind) {
            case "organizations" ->
                find(directory.visibleOrgs(), o -> o.org().id().equals(id), resources::organization, "Organization");
            case "spaces" -> find(directory.visibleSpaces(), s -> s.space().id().equals(id), resources::space, "Space");
            case "apps" -> find(directory.visibleApps(), a -> a.app().id().equals(id), resources::application, "App");
            case "processes" ->
                find(
                        directory.visibleApps(),
                        a -> a.app().processId().equals(id),
                        a -> resources.process(a, false),
                        "Process");
            case "routes" -> find(directory.visibleRoutes(), r -> r.id().equals(id), routes::route, "Route");
            default -> find(directory.domains(), d -> d.domain().id().equals(id), routes::domain, "Domain");
        };
    }

    private static <T> Reply find(List<T> entries, Predicate<T> match, Function<T, ObjectNode> json, String what) {
        return entries.stream()
                .filter(match)
                .findFirst()
                .map(entry -> Reply.json(200, json.apply(entry)))
                .orElseGet(() -> CloudControllerErrors.notFound(what));
    }
}
