package io.promregator.core.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import io.promregator.core.exposition.ContentNegotiation;
import io.promregator.core.exposition.ExpositionFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /promregatorMetrics}: Promregator's own metrics, written by simpleclient in 0.0.4 or
 * OpenMetrics as the caller's Accept asks (the original refused 0.0.4 with a 400).
 */
final class OwnMetricsHandler implements HttpHandler {
    private final CollectorRegistry registry;

    OwnMetricsHandler(CollectorRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        ExpositionFormat format =
                ContentNegotiation.choose(exchange.getRequestHeaders().getFirst("Accept"));
        ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
        try (Writer writer = new OutputStreamWriter(body, StandardCharsets.UTF_8)) {
            if (format == ExpositionFormat.OPENMETRICS) {
                TextFormat.writeOpenMetrics100(writer, registry.metricFamilySamples());
            } else {
                TextFormat.write004(writer, registry.metricFamilySamples());
            }
        }
        Responses.send(exchange, 200, format.contentType(), body.toByteArray());
    }
}
