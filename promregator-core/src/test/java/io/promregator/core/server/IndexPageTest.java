package io.promregator.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.PrometheusSnippets;
import io.promregator.core.Promregator;
import io.promregator.core.TestBuilder;
import io.promregator.core.target.StaticTargetResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /}: both modes, with the Prometheus snippet of each for the address the request came to. */
class IndexPageTest {
    private Promregator promregator;

    @BeforeEach
    void start() {
        promregator = TestBuilder.create()
                .targetResolver(new StaticTargetResolver(List.of()))
                .server(ServerSettings.defaults().withAddress("127.0.0.1").withPort(0))
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        promregator.close();
    }

    @Test
    void showsBothModesWithTheirSnippetsForTheHostOfTheRequest() throws IOException {
        String page = index("Host: 127.0.0.1:" + promregator.port());

        assertThat(page)
                .startsWith("HTTP/1.1 200")
                .contains("Single Target Scraping", "<a href=\"discovery\">/discovery</a>")
                .contains("/singleTargetMetrics/&lt;appGuid&gt;/&lt;index&gt;")
                .contains("Single Endpoint Scraping", "<a href=\"metrics\">/metrics</a>")
                .contains(html(PrometheusSnippets.singleTarget("http", "127.0.0.1:" + promregator.port())))
                .contains(html(PrometheusSnippets.singleEndpoint("http", "127.0.0.1:" + promregator.port())))
                .contains("- url: http://127.0.0.1:" + promregator.port() + "/discovery")
                .contains("honor_labels: true")
                .contains("<a href=\"promregatorMetrics\">", "<a href=\"explainTargets\">", "<a href=\"-/ready\">");
    }

    @Test
    void usesTheRouteAndSchemeAProxyForwarded() throws IOException {
        String page = index("Host: promregator.apps.example.com", "X-Forwarded-Proto: https");

        assertThat(page)
                .contains("- url: https://promregator.apps.example.com/discovery")
                .contains("scheme: https", "- targets: [\"promregator.apps.example.com\"]");
    }

    @Test
    void aHostHeaderThatIsNoHostFallsBackToTheLocalAddress() throws IOException {
        String page = index("Host: <script>alert(1)</script>");

        assertThat(page)
                .doesNotContain("<script>", "alert")
                .contains("- url: http://127.0.0.1:" + promregator.port() + "/discovery");
    }

    /** The response to {@code GET /} with these header lines, head and body, over a raw socket. */
    private String index(String... headers) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", promregator.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\n" + String.join("\r\n", headers) + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
