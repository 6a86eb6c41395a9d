package io.promregator.core.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.promregator.core.DiscoveryControls;
import io.promregator.core.TargetResolver;
import io.promregator.core.scrape.TargetStateLog;
import io.promregator.core.scrape.TargetStateLog.LastScrape;
import io.promregator.core.server.TargetsView.Filter;
import io.promregator.core.server.TargetsView.Group;
import io.promregator.core.server.TargetsView.Instance;
import io.promregator.core.server.TargetsView.State;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /targets}: each configured target, what it matched, and each of its instances with what its
 * last scrape recorded, as HTML ({@link TargetsHtml}) or, when {@code Accept} prefers
 * {@code application/json}, as JSON. Parameters: {@code state} (repeated or comma-separated: {@code up},
 * {@code down}, {@code not-running}, {@code never-scraped}), {@code q} (text the instance's names, URL or
 * last failure contain, ignoring case), {@code refresh} (seconds between the page's reloads, 0 for none;
 * default 30). It scrapes nothing.
 */
final class TargetsHandler implements HttpHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int DEFAULT_REFRESH_SECONDS = 30;

    private final TargetResolver resolver;
    private final DiscoveryControls controls;
    private final TargetStateLog states;

    TargetsHandler(TargetResolver resolver, DiscoveryControls controls, TargetStateLog states) {
        this.resolver = resolver;
        this.controls = controls;
        this.states = states;
    }

    /** The parameters, read. */
    record Query(Filter filter, int refreshSeconds) {}

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Query query;
        try {
            query = query(exchange.getRequestURI().getRawQuery());
        } catch (IllegalArgumentException e) {
            Responses.sendText(exchange, 400, e.getMessage());
            return;
        }
        // The matches first: a first discovery then runs before the targets are resolved from it.
        DiscoveryControls.Matches matches = controls.matches();
        TargetsView view = TargetsView.of(resolver.resolve(), matches, states, query.filter());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (wantsJson(exchange.getRequestHeaders().getFirst("Accept"))) {
            Responses.send(exchange, 200, "application/json", JSON.writeValueAsBytes(json(view)));
            return;
        }
        exchange.getResponseHeaders().set("Content-Security-Policy", TargetsHtml.CONTENT_SECURITY_POLICY);
        exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
        Responses.send(
                exchange,
                200,
                "text/html; charset=utf-8",
                TargetsHtml.render(view, query).getBytes(StandardCharsets.UTF_8));
    }

    static Query query(String rawQuery) {
        Set<State> wanted = EnumSet.noneOf(State.class);
        String text = "";
        int refresh = DEFAULT_REFRESH_SECONDS;
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String parameter : rawQuery.split("&")) {
                int eq = parameter.indexOf('=');
                String name = decode(eq < 0 ? parameter : parameter.substring(0, eq));
                String value = eq < 0 ? "" : decode(parameter.substring(eq + 1));
                switch (name) {
                    case "state" -> {
                        for (String key : value.split(",")) {
                            if (!key.isBlank()) {
                                wanted.add(State.ofKey(key.strip().toLowerCase(Locale.ROOT))
                                        .orElseThrow(() -> new IllegalArgumentException(
                                                "state: must be up, down, not-running or never-scraped. Found: \""
                                                        + shown(key) + "\"")));
                            }
                        }
                    }
                    case "q" -> text = value;
                    case "refresh" -> refresh = refresh(value);
                    default -> {
                        // other parameters (such as a cache buster) are ignored
                    }
                }
            }
        }
        return new Query(new Filter(wanted, text), refresh);
    }

    private static int refresh(String value) {
        try {
            int seconds = Integer.parseInt(value.strip());
            if (seconds >= 0 && seconds <= 86_400) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(
                "refresh: must be a number of seconds from 0 (no refresh) to 86400. Found: \"" + shown(value) + "\"");
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static String shown(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "...";
    }

    /** Whether the caller asks for JSON before HTML: {@code application/json} listed, and before any HTML type. */
    static boolean wantsJson(String accept) {
        if (accept == null) {
            return false;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.strip().toLowerCase(Locale.ROOT).split(";");
            String type = parts[0].strip();
            boolean refused = false;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].strip().replace(" ", "");
                refused |= p.equals("q=0") || p.matches("q=0\\.0*");
            }
            if (refused) {
                continue;
            }
            if (type.equals("application/json")) {
                return true;
            }
            if (type.equals("text/html") || type.equals("application/xhtml+xml")) {
                return false;
            }
        }
        return false;
    }

    static ObjectNode json(TargetsView view) {
        ObjectNode root = JSON.createObjectNode();
        root.put("now", view.now().toString());
        view.discoveredAt().ifPresent(at -> root.put("discoveredAt", at.toString()));
        view.discoveryError().ifPresent(error -> root.put("discoveryError", error));
        ObjectNode counts = root.putObject("counts");
        counts.put("total", view.total());
        for (State state : State.values()) {
            counts.put(state.key(), view.counts().get(state));
        }
        counts.put("shown", view.shown());
        ArrayNode groups = root.putArray("targets");
        for (Group group : view.groups()) {
            ObjectNode node = groups.addObject();
            node.put("key", group.key());
            node.put("description", group.description());
            strings(node.putArray("matched"), group.matched());
            strings(node.putArray("dropped"), group.dropped());
            node.put("total", group.instances().size());
            ArrayNode instances = node.putArray("instances");
            for (Instance instance : group.shown(view.filter())) {
                instance(instances.addObject(), instance);
            }
        }
        return root;
    }

    private static void instance(ObjectNode node, Instance instance) {
        node.put("id", instance.id());
        node.put("org", instance.org());
        node.put("space", instance.space());
        node.put("app", instance.app());
        node.put("index", instance.index());
        node.put("url", instance.url());
        node.put("state", instance.state().key());
        instance.metricsPath().ifPresent(path -> node.put("metricsPath", path));
        Optional<LastScrape> last = instance.last();
        if (last.isPresent()) {
            ObjectNode scrape = node.putObject("lastScrape");
            scrape.put("at", last.get().at().toString());
            scrape.put("durationSeconds", last.get().duration().toNanos() / 1e9);
            scrape.put("outcome", last.get().outcome().name().toLowerCase(Locale.ROOT));
            scrape.put("samples", last.get().samples());
            scrape.put("bytes", last.get().bytes());
            scrape.put("stateSince", last.get().since().toString());
            last.get().lastFailure().ifPresent(failure -> {
                ObjectNode f = node.putObject("lastFailure");
                f.put("at", failure.at().toString());
                f.put("reason", failure.outcome().name().toLowerCase(Locale.ROOT));
                f.put("message", failure.message());
            });
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
