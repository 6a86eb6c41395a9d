package io.promregator.core.server;

import com.sun.net.httpserver.HttpHandler;
import io.promregator.core.scrape.HttpClientScraper;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recursion cannot happen: every scrape Promregator makes carries {@code X-Promregator-Instance}, and a
 * request with that header to an endpoint that scrapes ({@code /metrics}, {@code /singleTargetMetrics})
 * is answered 508 at once, without scraping anything, whichever Promregator sent it (this one or another:
 * in a high-availability setup the other instances scrape this one through the gorouter). Such a request
 * means a target of the calling Promregator resolves to a Promregator app with the path {@code /metrics}
 * (a target's default) instead of {@code /promregatorMetrics}. The other endpoints stay open to them:
 * self-scraping needs {@code /promregatorMetrics}. One WARN per calling instance names what is knowable
 * about the misconfigured target. Thread-safe.
 */
final class LoopGuard {
    private static final Logger logger = LoggerFactory.getLogger(LoopGuard.class);
    static final int MAX_CALLERS_LOGGED = 1000;
    private static final int MAX_SHOWN = 80;

    private final String instanceId;
    private final Consumer<String> warn;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    LoopGuard(String instanceId) {
        this(instanceId, logger::warn);
    }

    /** @param warn where the once-per-caller warnings go (the logger at WARN, or a test's list) */
    LoopGuard(String instanceId, Consumer<String> warn) {
        this.instanceId = instanceId;
        this.warn = warn;
    }

    /** The handler, behind the guard: requests from a Promregator get 508 and never reach it. */
    HttpHandler guard(HttpHandler handler) {
        return exchange -> {
            String caller = exchange.getRequestHeaders().getFirst(HttpClientScraper.INSTANCE_HEADER);
            if (caller == null) {
                handler.handle(exchange);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String who = caller.equals(instanceId)
                    ? "this Promregator instance itself (" + shown(caller) + ")"
                    : "another Promregator instance (" + shown(caller) + ")";
            warnOnce(
                    caller,
                    who,
                    path,
                    exchange.getRequestHeaders().getFirst("Host"),
                    exchange.getRequestHeaders().getFirst("X-Forwarded-For"),
                    exchange.getRemoteAddress().getAddress().getHostAddress());
            Responses.sendText(
                    exchange,
                    508,
                    "Loop detected: this request came from " + who + ", and " + path.replaceAll("(/[^/]+).*", "$1")
                            + " would scrape again; give the Promregator target that points here"
                            + " \"path: /promregatorMetrics\"");
        };
    }

    private void warnOnce(String caller, String who, String path, String host, String forwardedFor, String peer) {
        if (warned.size() >= MAX_CALLERS_LOGGED || !warned.add(caller)) {
            return;
        }
        String from = forwardedFor == null ? peer : forwardedFor + " (through " + peer + ")";
        warn.accept("Refused " + shown(path) + " with 508 Loop Detected: the request came from " + who + " at "
                + shown(from) + ". A target of that instance resolves to this Promregator"
                + (host == null ? "" : " (route " + shown(host) + ")") + " with the path " + shown(path)
                + (path.equals("/metrics") ? " (a target's default)" : "")
                + ": set \"path: /promregatorMetrics\" on that target. Logged once per calling instance"
                + (warned.size() >= MAX_CALLERS_LOGGED ? "; no further callers are logged." : "."));
    }

    /** A header value as safe to log: printable ASCII only, shortened. */
    private static String shown(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= MAX_SHOWN ? printable : printable.substring(0, MAX_SHOWN) + "...";
    }
}
