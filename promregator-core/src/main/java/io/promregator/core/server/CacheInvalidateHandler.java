package io.promregator.core.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.promregator.core.DiscoveryControls;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /cache/invalidate?org=true&route=1...}: empties each cache whose parameter is
 * {@code true} or {@code 1}, as the original, and keeps those set to {@code false} or {@code 0}; answers
 * 204, or 202 when the invalidation waits for the end of the interval since the last one
 * ({@link CoalescedInvalidation}). An unknown parameter or any other value is a 400 naming what is accepted, rather than silently
 * nothing.
 */
final class CacheInvalidateHandler implements HttpHandler {
    private static final Logger logger = LoggerFactory.getLogger(CacheInvalidateHandler.class);

    private final CoalescedInvalidation invalidation;
    private final Duration interval;

    /** @param interval the least time between two applied invalidations ({@link CoalescedInvalidation}) */
    CacheInvalidateHandler(DiscoveryControls controls, Duration interval) {
        this.invalidation = new CoalescedInvalidation(controls, interval, System::nanoTime);
        this.interval = interval;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Set<String> caches = new LinkedHashSet<>();
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String parameter : query.split("&")) {
                int equals = parameter.indexOf('=');
                String name = decode(equals < 0 ? parameter : parameter.substring(0, equals));
                String value = equals < 0
                        ? ""
                        : decode(parameter.substring(equals + 1)).toLowerCase(Locale.ROOT);
                if (!DiscoveryControls.CACHES.contains(name)) {
                    Responses.sendText(
                            exchange,
                            400,
                            "Unknown cache \"" + name + "\"; known: "
                                    + String.join(", ", new TreeSet<>(DiscoveryControls.CACHES)));
                    return;
                }
                if (value.equals("true") || value.equals("1")) {
                    caches.add(name);
                } else if (!value.equals("false") && !value.equals("0")) {
                    Responses.sendText(
                            exchange,
                            400,
                            "Invalid value for cache \"" + name + "\": expected true or 1 (empty it),"
                                    + " false or 0 (keep it). Found: \"" + shown(value) + "\"");
                    return;
                }
            }
        }
        if (!caches.isEmpty() && !invalidation.invalidate(caches)) {
            logger.debug("Invalidation of {} deferred to the end of the interval", String.join(", ", caches));
            Responses.sendText(
                    exchange,
                    202,
                    "Caches are invalidated at most once per " + shown(interval)
                            + "; these will be when the interval since the last invalidation is over.");
            return;
        }
        exchange.sendResponseHeaders(204, -1);
    }

    private static String shown(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static String shown(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "...";
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
