package io.promregator.core.cf;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.promregator.core.Promregator;
import io.promregator.core.TestBuilder;
import io.promregator.core.bench.RealisticBody;
import io.promregator.core.config.ConfigLoader;
import io.promregator.simulator.CfSimulator;
import io.promregator.simulator.Foundation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code /metrics} over a foundation whose expositions together are far larger than the heap: 930
 * instances behind the simulator's gorouter, each serving a realistic body of about 15 KB (200 samples),
 * about 40 MB of merged exposition in all. In a JVM with 128 MiB of heap (tag {@code small-heap}, see the
 * pom) the answer, gzip-compressed and not, is complete and valid: every instance up, every sample there,
 * one TYPE per name and every name's samples together. Before /metrics streamed, this ran out of memory.
 */
@Tag("small-heap")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LargeSingleEndpointTest {
    private static final int APPS = 30;
    private static final int INSTANCES_PER_APP = 31;
    private static final int INSTANCES = APPS * INSTANCES_PER_APP;
    private static final int SAMPLES_PER_INSTANCE = RealisticBody.SAMPLES;

    private final ExecutorService backendThreads = Executors.newFixedThreadPool(4);
    private final HttpServer backend = startBackend();
    private final CfSimulator simulator = CfSimulator.builder()
            .user("promregator", "secret")
            .foundation(foundation())
            .start();
    private final HttpClient client = HttpClient.newHttpClient();
    private Promregator promregator;

    @AfterEach
    void stop() {
        if (promregator != null) {
            promregator.close();
        }
        simulator.close();
        backend.stop(0);
        backendThreads.shutdownNow();
    }

    private HttpServer startBackend() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            server.createContext("/", exchange -> {
                byte[] body =
                        RealisticBody.of(exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.setExecutor(backendThreads);
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Foundation foundation() {
        URI base = URI.create("http://127.0.0.1:" + backend.getAddress().getPort());
        Foundation.Builder builder = Foundation.builder().domain("apps.example.com");
        builder.org(
                "big-org",
                org -> org.space("big-space", space -> {
                    for (int a = 0; a < APPS; a++) {
                        String name = "app-" + a;
                        URI[] backends = new URI[INSTANCES_PER_APP];
                        for (int i = 0; i < INSTANCES_PER_APP; i++) {
                            backends[i] = base.resolve("/" + name + "/" + i);
                        }
                        space.app(
                                name,
                                app -> app.route(name + ".apps.example.com").backends(backends));
                    }
                }));
        return builder.build();
    }

    private void start() {
        promregator = TestBuilder.create()
                .config(ConfigLoader.load(
                        """
                        cf:
                          api_host: %s
                          username: promregator
                          password: secret
                        promregator:
                          scraping:
                            maxProcessingTime: 30000
                            proxy:
                              host: 127.0.0.1
                              port: %d
                          targets:
                            - orgName: big-org
                              protocol: http
                        server:
                          address: 127.0.0.1
                          port: 0
                        """.formatted(
                                simulator.apiUrl(), simulator.gorouterProxy().getPort()),
                        Map.of()))
                .build()
                .start();
    }

    @Test
    void runsWithAHeapFarSmallerThanTheMergedExposition() {
        assertThat(Runtime.getRuntime().maxMemory())
                .as("run with -Xmx128m, as the pom's small-heap execution does")
                .isLessThanOrEqualTo(160L * 1024 * 1024);
        assertThat(RealisticBody.of("/app-0/0").length()).isBetween(14_000, 18_000);
    }

    @Test
    void metricsOverAllInstancesIsCompleteAndValid() throws Exception {
        start();

        for (boolean gzip : new boolean[] {true, false}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + promregator.port() + "/metrics"))
                    .header("Accept", "text/plain");
            if (gzip) {
                request.header("Accept-Encoding", "gzip");
            }
            HttpResponse<InputStream> response =
                    client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Encoding").isPresent())
                    .isEqualTo(gzip);
            InputStream body = gzip ? new GZIPInputStream(response.body(), 64 * 1024) : response.body();
            Checked checked = check(body);

            assertThat(checked.up()).as("instances up").isEqualTo(INSTANCES);
            assertThat(checked.samples().get("instances"))
                    .as("instance samples")
                    .isEqualTo(INSTANCES * SAMPLES_PER_INSTANCE);
            assertThat(checked.bytes()).as("bytes").isGreaterThan(30L * 1024 * 1024);
        }
    }

    private record Checked(int up, Map<String, Integer> samples, long bytes) {}

    /**
     * Reads the 0.0.4 answer line by line, holding only its names: each TYPE once, before its samples; every
     * sample under the TYPE of its name, so that each family's samples are together.
     */
    private static Checked check(InputStream body) throws IOException {
        Set<String> typed = new HashSet<>();
        Map<String, String> blockOf = new HashMap<>();
        String lastName = null;
        String currentType = null;
        int up = 0;
        int instanceSamples = 0;
        long bytes = 0;
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 64 * 1024)) {
            String line;
            while ((line = reader.readLine()) != null) {
                bytes += line.length() + 1;
                if (line.startsWith("# TYPE ")) {
                    String name = line.substring(7, line.indexOf(' ', 7));
                    assertThat(typed.add(name)).as("one TYPE for %s", name).isTrue();
                    currentType = name;
                    continue;
                }
                if (line.startsWith("#")) {
                    continue;
                }
                int end = line.indexOf('{');
                String name = line.substring(0, end < 0 ? line.indexOf(' ') : end);
                assertThat(currentType).as("a TYPE before %s", name).isNotNull();
                if (!name.equals(lastName)) {
                    assertThat(name)
                            .as("under TYPE %s", currentType)
                            .isIn(currentType, currentType + "_bucket", currentType + "_count", currentType + "_sum");
                    String block = blockOf.putIfAbsent(name, currentType);
                    assertThat(block == null || block.equals(currentType))
                            .as("the samples of %s in one block", name)
                            .isTrue();
                    lastName = name;
                }
                if (name.equals("promregator_up")) {
                    assertThat(line).endsWith(" 1");
                    up++;
                } else if (name.startsWith("app_")) {
                    assertThat(line).contains("org_name=\"big-org\"", "cf_instance_number=\"");
                    instanceSamples++;
                }
            }
        }
        Map<String, Integer> samples = new HashMap<>();
        samples.put("instances", instanceSamples);
        return new Checked(up, samples, bytes);
    }
}
