package io.promregator.core.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsExchange;
import io.promregator.core.PrometheusSnippets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * {@code GET /}: the two modes, each with its Prometheus scrape configuration for the address the
 * request came to (its {@code Host} header, else the local address), and the other endpoints.
 */
final class IndexHandler implements HttpHandler {
    /** A host name or IPv4 address, or a bracketed IPv6 address, with an optional port. */
    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+])(:[0-9]{1,5})?");

    private static final String PAGE = """
            <!DOCTYPE html>
            <html><head><title>Promregator</title></head><body>
            <h1>Promregator</h1>
            <h2>Single Target Scraping</h2>
            <p><a href="discovery">/discovery</a> lists one target per app instance for Prometheus'
            <code>http_sd_configs</code>; Prometheus scrapes each on
            <code>/singleTargetMetrics/&lt;appGuid&gt;/&lt;index&gt;</code>. In prometheus.yml:</p>
            <pre>%s</pre>
            <h2>Single Endpoint Scraping</h2>
            <p><a href="metrics">/metrics</a>: all targets, merged and labelled, in one response (simpler for a
            few dozen instances). In prometheus.yml:</p>
            <pre>%s</pre>
            <h2>More</h2>
            <ul>
            <li><a href="targets">/targets</a>: every instance with the state, time and failure of its last scrape</li>
            <li><a href="promregatorMetrics">/promregatorMetrics</a>: Promregator's own metrics</li>
            <li><a href="explainTargets">/explainTargets</a>: what each configured target matched, and why not</li>
            <li><a href="cache/invalidate">/cache/invalidate</a>?org=true&amp;space=true&amp;application=true&amp;route=true&amp;process=true&amp;domain=true&amp;resolver=true</li>
            <li><a href="-/healthy">/-/healthy</a>, <a href="-/ready">/-/ready</a></li>
            </ul>
            </body></html>
            """;

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String scheme = scheme(exchange);
        String hostPort = hostPort(exchange);
        String page = PAGE.formatted(
                html(PrometheusSnippets.singleTarget(scheme, hostPort)),
                html(PrometheusSnippets.singleEndpoint(scheme, hostPort)));
        Responses.send(exchange, 200, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code https} when the request came over TLS or through a proxy that says it did. */
    private static String scheme(HttpExchange exchange) {
        String forwarded = exchange.getRequestHeaders().getFirst("X-Forwarded-Proto");
        if (forwarded != null && (forwarded.equals("http") || forwarded.equals("https"))) {
            return forwarded;
        }
        return exchange instanceof HttpsExchange ? "https" : "http";
    }

    /** The request's {@code Host} header when it is a plain host and port, else the local address. */
    private static String hostPort(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host != null && HOST.matcher(host).matches()) {
            return host;
        }
        InetSocketAddress local = exchange.getLocalAddress();
        String address = local.getAddress().getHostAddress();
        return (address.contains(":") ? "[" + address + "]" : address) + ":" + local.getPort();
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
