package io.promregator.core.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.promregator.core.DiscoveryControls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /explainTargets}: for each configured target, what it matched and why each candidate
 * was dropped (no such org or space, no permission, app stopped, no route, no web process).
 */
final class ExplainTargetsHandler implements HttpHandler {
    private final DiscoveryControls controls;

    ExplainTargetsHandler(DiscoveryControls controls) {
        this.controls = controls;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Responses.send(
                exchange, 200, "text/plain; charset=utf-8", controls.explain().getBytes(StandardCharsets.UTF_8));
    }
}
