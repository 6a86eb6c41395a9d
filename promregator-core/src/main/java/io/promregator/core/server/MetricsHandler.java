package io.promregator.core.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.promregator.core.exposition.ContentNegotiation;
import io.promregator.core.exposition.ExpositionFormat;
import io.promregator.core.scrape.SingleEndpointScraping;
import java.io.IOException;

/**
 * {@code GET /metrics}: Single Endpoint Scraping, in the format the caller's Accept asks for, written as
 * it is produced ({@link StreamingBody}). A client that goes away mid-response ends the writing with an
 * {@link IOException}; the scrape's resources are released either way.
 */
final class MetricsHandler implements HttpHandler {
    private final SingleEndpointScraping scraping;

    MetricsHandler(SingleEndpointScraping scraping) {
        this.scraping = scraping;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        ExpositionFormat format =
                ContentNegotiation.choose(exchange.getRequestHeaders().getFirst("Accept"));
        try (SingleEndpointScraping.Prepared prepared = scraping.prepare(format)) {
            StreamingBody body = new StreamingBody(exchange, format.contentType());
            try {
                prepared.writeTo(body);
            } catch (IOException | RuntimeException e) {
                body.abandon();
                throw e;
            }
            body.close();
        }
    }
}
