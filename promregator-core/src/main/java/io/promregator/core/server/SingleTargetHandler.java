package io.promregator.core.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.promregator.core.ScrapeResult;
import io.promregator.core.ScrapeResult.Outcome;
import io.promregator.core.Target;
import io.promregator.core.exposition.ContentNegotiation;
import io.promregator.core.exposition.ExpositionFormat;
import io.promregator.core.scrape.SingleTargetScraping;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code GET /singleTargetMetrics/<appGuid>/<instanceIndex>}: that one instance, scraped now. A
 * malformed or missing guid or index is a 400 naming the path's shape, an instance not in the current discovery a 404. A failed scrape
 * answers 200 with {@code promregator_up 0}, as the original; with
 * {@code promregator.endpoint.httpErrorOnFailure} it answers 502 (504 on a timeout) with the reason,
 * so that Prometheus' own {@code up} shows it.
 */
final class SingleTargetHandler implements HttpHandler {
    static final String PREFIX = "/singleTargetMetrics/";
    private static final Pattern GUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern INDEX = Pattern.compile("0|[1-9][0-9]{0,8}");

    private static final String SHAPE = PREFIX + "<appGuid>/<instanceIndex>";
    private static final int MAX_SHOWN = 80;

    private final SingleTargetScraping scraping;
    private final boolean httpErrorOnFailure;

    SingleTargetHandler(SingleTargetScraping scraping, boolean httpErrorOnFailure) {
        this.scraping = scraping;
        this.httpErrorOnFailure = httpErrorOnFailure;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String[] parts =
                exchange.getRequestURI().getPath().substring(PREFIX.length()).split("/", -1);
        if (!GUID.matcher(parts[0]).matches()) {
            Responses.sendText(
                    exchange,
                    400,
                    "Invalid application guid \"" + shown(parts[0]) + "\": the path is " + SHAPE
                            + ", with the guid in lowercase");
            return;
        }
        if (parts.length == 1 || (parts.length == 2 && parts[1].isEmpty())) {
            Responses.sendText(
                    exchange,
                    400,
                    "Missing instance index: the path is " + SHAPE + ", e.g. " + PREFIX + parts[0] + "/0");
            return;
        }
        if (parts.length != 2 || !INDEX.matcher(parts[1]).matches()) {
            Responses.sendText(
                    exchange,
                    400,
                    "Invalid instance index \"" + shown(String.join("/", Arrays.copyOfRange(parts, 1, parts.length)))
                            + "\": the path is " + SHAPE + ", with the index a number such as 0");
            return;
        }
        String id = parts[0] + ":" + parts[1];
        Optional<Target> target = scraping.find(id);
        if (target.isEmpty()) {
            Responses.sendText(
                    exchange,
                    404,
                    "Instance " + id + " is not in the current discovery "
                            + "(scaled down, stopped, deleted, or not matched by any configured target; see /explainTargets)");
            return;
        }
        SingleTargetScraping.Scrape scrape = scraping.scrape(target.get());
        ScrapeResult result = scrape.result();
        if (!result.isUp() && httpErrorOnFailure) {
            int status = result.outcome() == Outcome.TIMEOUT ? 504 : 502;
            Responses.sendText(exchange, status, "Scraping " + id + " failed: " + result.failure());
            return;
        }
        ExpositionFormat format =
                ContentNegotiation.choose(exchange.getRequestHeaders().getFirst("Accept"));
        ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
        scrape.writeTo(format, body);
        Responses.send(exchange, 200, format.contentType(), body.toByteArray());
    }

    /** A path segment as safe to echo: printable ASCII only, shortened. */
    private static String shown(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= MAX_SHOWN ? printable : printable.substring(0, MAX_SHOWN) + "...";
    }
}
