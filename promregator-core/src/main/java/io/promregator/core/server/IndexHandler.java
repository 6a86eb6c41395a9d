package io.promregator.core.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /}: a short page naming the endpoints. */
final class IndexHandler implements HttpHandler {
    private static final byte[] PAGE = """
            <!DOCTYPE html>
            <html><head><title>Promregator</title></head><body>
            <h1>Promregator</h1>
            <ul>
            <li><a href="metrics">/metrics</a>: all targets, merged and labelled (Single Endpoint Scraping)</li>
            <li><a href="promregatorMetrics">/promregatorMetrics</a>: Promregator's own metrics</li>
            <li><a href="explainTargets">/explainTargets</a>: what each configured target matched, and why not</li>
            <li><a href="cache/invalidate">/cache/invalidate</a>?org=true&amp;space=true&amp;application=true&amp;route=true&amp;process=true&amp;domain=true&amp;resolver=true</li>
            <li><a href="-/healthy">/-/healthy</a>, <a href="-/ready">/-/ready</a></li>
            </ul>
            </body></html>
            """.getBytes(StandardCharsets.UTF_8);

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Responses.send(exchange, 200, "text/html; charset=utf-8", PAGE);
    }
}
