package io.promregator.core.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.promregator.core.exposition.ContentNegotiation;
import io.promregator.core.exposition.Exposition;
import io.promregator.core.exposition.ExpositionFormat;
import io.promregator.core.exposition.ExpositionWriter;
import io.promregator.core.scrape.SingleEndpointScraping;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** {@code GET /metrics}: Single Endpoint Scraping, in the format the caller's Accept asks for. */
final class MetricsHandler implements HttpHandler {
    private final SingleEndpointScraping scraping;

    MetricsHandler(SingleEndpointScraping scraping) {
        this.scraping = scraping;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        ExpositionFormat format =
                ContentNegotiation.choose(exchange.getRequestHeaders().getFirst("Accept"));
        Exposition merged = scraping.scrapeAll(format);
        ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
        ExpositionWriter.write(merged.families(), format, body);
        Responses.send(exchange, 200, format.contentType(), body.toByteArray());
    }
}
