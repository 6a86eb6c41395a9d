package io.promregator.core.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.promregator.core.Target;
import io.promregator.core.enrich.CfLabelEnricher;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A handful of local metrics endpoints that behave like real app instances, for trying the aggregator
 * without any foundation: two healthy instances of one app (one speaking OpenMetrics, one text
 * 0.0.4), an app that labels its own samples {@code app_name}, and an instance that fails.
 * Listens on 127.0.0.1 only.
 */
public final class DemoEndpoints implements AutoCloseable {
    private final HttpServer server;
    private final long started = System.currentTimeMillis();

    public DemoEndpoints() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the demo endpoints", e);
        }
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "promregator-demo");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/shop/0/metrics", exchange -> send(exchange, true, 0));
        server.createContext("/shop/1/metrics", exchange -> send(exchange, false, 1));
        server.createContext("/billing/0/metrics", this::sendSelfLabelled);
        server.createContext("/broken/0/metrics", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
    }

    /** The demo's targets, labelled as Cloud Foundry app instances would be. */
    public List<Target> targets() {
        return List.of(
                target("/shop/0/metrics", "shop", "6d5f5e3a-52b4-4d4a-9bd3-2a1c0c1e0001", 0),
                target("/shop/1/metrics", "shop", "6d5f5e3a-52b4-4d4a-9bd3-2a1c0c1e0001", 1),
                target("/billing/0/metrics", "billing", "0b4c1c0e-8f0a-4f6e-a3c4-1d2e3f4a0002", 0),
                target("/broken/0/metrics", "broken", "9a8b7c6d-1e2f-4a5b-8c9d-0e1f2a3b0003", 0));
    }

    private Target target(String path, String app, String applicationId, int index) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        return new Target(
                applicationId + ":" + index,
                url,
                CfLabelEnricher.cfLabels("demo-org", "demo-space", app, applicationId, index),
                Map.of());
    }

    private void send(HttpExchange exchange, boolean openMetrics, int index) throws IOException {
        long seconds = (System.currentTimeMillis() - started) / 1000 + 1;
        // The same counter as each format writes it: family "http_server_requests" in OpenMetrics,
        // "http_server_requests_total" in text 0.0.4; the series are http_server_requests_total in both.
        String family = openMetrics ? "http_server_requests" : "http_server_requests_total";
        StringBuilder body = new StringBuilder(1024)
                .append("# HELP ")
                .append(family)
                .append(" Requests served.\n")
                .append("# TYPE ")
                .append(family)
                .append(" counter\n");
        for (String uri : List.of("/cart", "/checkout")) {
            body.append("http_server_requests_total")
                    .append("{method=\"GET\",uri=\"")
                    .append(uri)
                    .append("\",status=\"200\"} ")
                    .append(seconds * (uri.length() + index))
                    .append('\n');
        }
        body.append("# HELP http_server_requests_seconds Request latency.\n")
                .append("# TYPE http_server_requests_seconds histogram\n");
        long count = seconds * 3;
        for (String le : List.of("0.05", "0.1", "0.5", "+Inf")) {
            body.append("http_server_requests_seconds_bucket{le=\"")
                    .append(le)
                    .append("\"} ")
                    .append(le.equals("0.05") ? count / 2 : count)
                    .append('\n');
        }
        body.append("http_server_requests_seconds_count ")
                .append(count)
                .append('\n')
                .append("http_server_requests_seconds_sum ")
                .append(count * 0.04)
                .append('\n')
                .append("# HELP jvm_memory_used_bytes Used memory.\n")
                .append("# TYPE jvm_memory_used_bytes gauge\n")
                .append("jvm_memory_used_bytes{area=\"heap\"} ")
                .append(52_428_800 + index * 1_048_576)
                .append('\n');
        if (openMetrics) {
            body.append("# EOF\n");
        }
        write(
                exchange,
                openMetrics
                        ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
                        : "text/plain; version=0.0.4; charset=utf-8",
                body.toString());
    }

    private void sendSelfLabelled(HttpExchange exchange) throws IOException {
        write(exchange, "text/plain; version=0.0.4; charset=utf-8", """
                # HELP invoices_open Invoices not yet paid.
                # TYPE invoices_open gauge
                invoices_open{app_name="billing-v2",currency="EUR"} 12
                invoices_open{app_name="billing-v2",currency="USD"} 3
                """);
    }

    private static void write(HttpExchange exchange, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
