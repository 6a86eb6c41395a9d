package io.promregator.core.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.promregator.core.DiscoveryControls;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code /-/ready}: 503 while shutting down and, unless {@code promregator.discoverer.readyAfterFirstDiscovery}
 * is false, while the first discovery of targets is still running; 200 otherwise. A first discovery that
 * failed makes Promregator ready too (it keeps trying on every request), and the 200 names the failure;
 * but while something stands in discovery's way for good ({@link DiscoveryControls#notReady()}: the Cloud
 * Foundry login is refused), 503 with it.
 */
final class ReadyHandler implements HttpHandler {
    private final InFlight inFlight;
    private final DiscoveryControls discovery;

    ReadyHandler(InFlight inFlight, DiscoveryControls discovery) {
        this.inFlight = inFlight;
        this.discovery = discovery;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (inFlight.stopping()) {
            Responses.sendText(exchange, 503, "Promregator is shutting down.");
            return;
        }
        if (discovery.readyAfterFirstDiscovery() && !discovery.firstDiscoveryCompleted()) {
            Responses.sendText(exchange, 503, "Promregator is not ready: the first discovery of targets is running.");
            return;
        }
        Optional<String> blocked = discovery.notReady();
        if (blocked.isPresent()) {
            Responses.sendText(exchange, 503, blocked.get());
            return;
        }
        Optional<String> failure = discovery.firstDiscoveryFailure();
        Responses.sendText(
                exchange,
                200,
                failure.map(f -> "Promregator is Ready, but the first discovery of targets failed: " + f)
                        .orElse("Promregator is Ready."));
    }
}
