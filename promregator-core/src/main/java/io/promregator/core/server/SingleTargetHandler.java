package io.promregator.core.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.promregator.core.ScrapeResult;
import io.promregator.core.ScrapeResult.Outcome;
import io.promregator.core.Target;
import io.promregator.core.exposition.ContentNegotiation;
import io.promregator.core.exposition.ExpositionFormat;
import io.promregator.core.exposition.ExpositionWriter;
import io.promregator.core.scrape.SingleTargetScraping;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code GET /singleTargetMetrics/<appGuid>/<instanceNumber>}: that one instance, scraped now. A
 * malformed guid or number is a 400, an instance not in the current discovery a 404. A failed scrape
 * answers 200 with {@code promregator_up 0}, as the original; with
 * {@code promregator.endpoint.httpErrorOnFailure} it answers 502 (504 on a timeout) with the reason,
 * so that Prometheus' own {@code up} shows it.
 */
final class SingleTargetHandler implements HttpHandler {
    static final String PREFIX = "/singleTargetMetrics/";
    private static final Pattern GUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern INDEX = Pattern.compile("0|[1-9][0-9]{0,8}");

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
        if (parts.length != 2 || !GUID.matcher(parts[0]).matches()) {
            Responses.sendText(
                    exchange,
                    400,
                    "Invalid Application Id provided: expected /singleTargetMetrics/"
                            + "<lowercase app guid>/<instance number>");
            return;
        }
        if (!INDEX.matcher(parts[1]).matches()) {
            Responses.sendText(exchange, 400, "Invalid Instance Number provided: \"" + parts[1] + "\"");
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
        ExpositionWriter.write(scrape.exposition().families(), format, body);
        Responses.send(exchange, 200, format.contentType(), body.toByteArray());
    }
}
