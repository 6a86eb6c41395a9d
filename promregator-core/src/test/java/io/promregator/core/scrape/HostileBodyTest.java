package io.promregator.core.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.ScrapeResult;
import io.promregator.core.ScrapeResult.Outcome;
import io.promregator.core.Target;
import io.promregator.core.exposition.Labels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Targets that attack the scraper with their bodies: endless, 3 GiB (chunked or announced), a gzip bomb
 * that expands past 1 GiB, one byte a second. Each scrape fails alone and soon (body limit or
 * maxProcessingTime), the connection is closed rather than drained, and neither memory nor threads grow
 * with what the targets send. This class runs in a JVM of its own with a 128 MiB heap (tag
 * {@code small-heap}, see the pom), so that a buffer growing with the body fails it with an
 * OutOfMemoryError. Waits are safety nets, never assertions on time.
 */
@Tag("small-heap")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HostileBodyTest {
    private static final long MIB = 1024 * 1024;
    private static final long GIB = 1024 * MIB;
    private static final long LIMIT = 2 * MIB;
    /**
     * What loopback TCP may hold between the two ends when the client hangs up: the client's receive buffer
     * (Linux autotunes it up to tcp_rmem's maximum) and the target's send buffer (64 KiB).
     */
    private static final long BUFFERS = maxReceiveBuffer() + HostileTarget.block().length;

    private static final Duration SAFETY = Duration.ofSeconds(60);

    private final HostileTarget target;
    private HttpClientScraper scraper;

    HostileBodyTest() throws IOException {
        target = new HostileTarget();
    }

    @AfterEach
    void close() throws IOException {
        if (scraper != null) {
            scraper.close();
        }
        target.close();
    }

    private static ScrapeSettings settings(Duration maxProcessingTime) {
        Duration connect = Duration.ofSeconds(10);
        return ScrapeSettings.defaults()
                .withMaxResponseBytes(LIMIT)
                .withMaxInFlight(20)
                .withTimeouts(connect, connect, maxProcessingTime);
    }

    private static Target targetAt(URI url) {
        return new Target(url.getPath(), url, Labels.of("app_name", "hostile"), Map.of());
    }

    private ScrapeResult scrape(URI url) {
        return scraper.scrape(targetAt(url)).join();
    }

    @Test
    void runsWithAHeapTooSmallForAnyOfTheseBodies() {
        assertThat(Runtime.getRuntime().maxMemory())
                .as("run with -Xmx128m, as the pom's small-heap execution does")
                .isLessThanOrEqualTo(160 * MIB);
    }

    @Test
    void endlessChunkedBodyIsRefusedAtTheLimitAndHungUpOn() throws Exception {
        scraper = new HttpClientScraper(settings(SAFETY));
        URI endless = target.serve("/endless", HostileTarget.chunked(Long.MAX_VALUE));

        ScrapeResult result = scrape(endless);

        assertThat(result.outcome()).isEqualTo(Outcome.BODY_TOO_LARGE);
        assertThat(result.failure()).isEqualTo("response body larger than " + LIMIT + " bytes");
        assertHungUpEarly(target.connection("/endless"));
    }

    @Test
    void threeGibibyteBodiesAreRefusedAtTheLimitChunkedOrAnnounced() throws Exception {
        scraper = new HttpClientScraper(settings(SAFETY));
        URI chunked = target.serve("/chunked", HostileTarget.chunked(3 * GIB));
        URI announced = target.serve("/announced", HostileTarget.withContentLength(3 * GIB));

        assertThat(scrape(chunked).outcome()).isEqualTo(Outcome.BODY_TOO_LARGE);
        assertThat(scrape(announced).outcome()).isEqualTo(Outcome.BODY_TOO_LARGE);

        assertHungUpEarly(target.connection("/chunked"));
        assertHungUpEarly(target.connection("/announced"));
    }

    @Test
    void gzipBombIsRefusedAtTheLimitCountedAfterDecompression() throws Exception {
        scraper = new HttpClientScraper(settings(SAFETY));
        Bomb bomb = Bomb.make();
        URI url = target.serve("/bomb", HostileTarget.gzip(bomb.compressed()));

        ScrapeResult result = scrape(url);

        assertThat(bomb.compressed().length).isLessThan((int) LIMIT);
        assertThat(bomb.expandedBytes()).isGreaterThan(GIB);
        assertThat(result.outcome()).isEqualTo(Outcome.BODY_TOO_LARGE);
        assertThat(result.failure()).isEqualTo("response body larger than " + LIMIT + " bytes");
        assertThat(target.connection("/bomb").bodyBytes()).isEqualTo(bomb.compressed().length);
    }

    @Test
    void bodyDrippingOneByteASecondTimesOutAtMaxProcessingTimeAndIsHungUpOn() throws Exception {
        scraper = new HttpClientScraper(settings(Duration.ofMillis(1500)));
        URI body = target.serve("/drip-body", HostileTarget.dripBody(Duration.ofSeconds(1)));
        URI head = target.serve("/drip-head", HostileTarget.dripHead(Duration.ofSeconds(1)));

        ScrapeResult dripBody = scrape(body);
        ScrapeResult dripHead = scrape(head);

        assertThat(dripBody.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(dripBody.failure()).contains("1500 ms");
        assertThat(dripHead.outcome()).isEqualTo(Outcome.TIMEOUT);
        for (String path : List.of("/drip-body", "/drip-head")) {
            HostileTarget.Connection connection = target.connection(path);
            assertThat(connection.awaitPeerClosed(SAFETY))
                    .as("%s closed by the scraper", path)
                    .isTrue();
            assertThat(connection.awaitWriterDone(SAFETY))
                    .as("%s stopped writing", path)
                    .isTrue();
            assertThat(connection.writeFailure()).as("%s write failed", path).isNotNull();
        }
        assertThat(target.connection("/drip-body").bodyBytes()).isLessThan(100);
    }

    @Test
    void twentyHostileScrapesAtOnceLeaveABoundedNumberOfThreads() throws Exception {
        List<Thread> before = scrapeThreads();
        long httpClientThreadsBefore = before.stream()
                .filter(t -> t.getName().startsWith("HttpClient-"))
                .count();
        scraper = new HttpClientScraper(settings(Duration.ofSeconds(3)));
        Bomb bomb = Bomb.make();
        List<String> paths = new ArrayList<>();
        List<CompletableFuture<ScrapeResult>> scrapes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String path = "/hostile-" + i;
            HostileTarget.Behaviour behaviour = switch (i % 5) {
                case 0 -> HostileTarget.chunked(Long.MAX_VALUE);
                case 1 -> HostileTarget.chunked(3 * GIB);
                case 2 -> HostileTarget.withContentLength(3 * GIB);
                case 3 -> HostileTarget.gzip(bomb.compressed());
                default -> HostileTarget.dripBody(Duration.ofSeconds(1));
            };
            paths.add(path);
            scrapes.add(scraper.scrape(targetAt(target.serve(path, behaviour))));
        }

        List<Outcome> outcomes = new ArrayList<>();
        for (CompletableFuture<ScrapeResult> scrape : scrapes) {
            outcomes.add(scrape.join().outcome());
        }

        for (int i = 0; i < 20; i++) {
            assertThat(outcomes.get(i)).isEqualTo(i % 5 == 4 ? Outcome.TIMEOUT : Outcome.BODY_TOO_LARGE);
            if (i % 5 != 3) { // the bomb's whole compressed body is read; its connection may stay open
                assertHungUpEarly(target.connection(paths.get(i)));
            }
        }
        int pool = Math.max(2, Runtime.getRuntime().availableProcessors());
        List<Thread> during = scrapeThreads();
        assertThat(during.stream().filter(t -> t.getName().startsWith("promregator-scrape-")))
                .as("the scraper's pool and timer, however many scrapes ran")
                .hasSizeLessThanOrEqualTo(pool + 1);
        assertThat(during.stream().filter(t -> t.getName().startsWith("HttpClient-")))
                .as("one selector thread per HttpClient")
                .hasSizeLessThanOrEqualTo((int) httpClientThreadsBefore + 1);

        scraper.close();
        for (Thread thread : during) {
            if (thread.getName().startsWith("promregator-scrape-")) {
                thread.join(SAFETY.toMillis());
                assertThat(thread.isAlive())
                        .as("%s ended after close", thread.getName())
                        .isFalse();
            }
        }
    }

    /** The client closed the connection, and the target wrote at most twice the limit plus what buffers hold. */
    private static void assertHungUpEarly(HostileTarget.Connection connection) throws InterruptedException {
        assertThat(connection.awaitPeerClosed(SAFETY))
                .as("%s closed by the scraper", connection.path)
                .isTrue();
        assertThat(connection.awaitWriterDone(SAFETY))
                .as("%s stopped writing", connection.path)
                .isTrue();
        assertThat(connection.writeFailure())
                .as("%s write failed", connection.path)
                .isNotNull();
        assertThat(connection.bodyBytes())
                .as("%s body bytes written", connection.path)
                .isLessThan(2 * LIMIT + BUFFERS);
    }

    /** Linux's tcp_rmem maximum; 32 MiB elsewhere. */
    private static long maxReceiveBuffer() {
        try {
            String[] rmem = Files.readString(Path.of("/proc/sys/net/ipv4/tcp_rmem"))
                    .trim()
                    .split("\\s+");
            return Math.max(Long.parseLong(rmem[2]), 4 * MIB);
        } catch (IOException | RuntimeException e) {
            return 32 * MIB;
        }
    }

    private static List<Thread> scrapeThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("promregator-scrape-")
                        || t.getName().startsWith("HttpClient-"))
                .toList();
    }

    /**
     * A gzip bomb: gzip members, each 16 MiB of one short sample line, one after another (a gzip reader reads
     * concatenated members as one stream), expanding to 1.03 GiB from about a megabyte.
     */
    private record Bomb(byte[] compressed, long expandedBytes) {
        private static final int MEMBERS = 66;
        private static final int MEMBER_BYTES = 16 * 1024 * 1024;

        static Bomb make() throws IOException {
            byte[] line = "a 1\n".getBytes(StandardCharsets.US_ASCII); // 4 bytes: deflate's best ratio, about 1:1000
            byte[] chunk = new byte[1024 * line.length];
            for (int i = 0; i < 1024; i++) {
                System.arraycopy(line, 0, chunk, i * line.length, line.length);
            }
            ByteArrayOutputStream member = new ByteArrayOutputStream();
            long expanded = 0;
            try (GZIPOutputStream gzip = new GZIPOutputStream(member) {
                {
                    def.setLevel(Deflater.BEST_COMPRESSION);
                }
            }) {
                while (expanded + chunk.length <= MEMBER_BYTES) {
                    gzip.write(chunk);
                    expanded += chunk.length;
                }
            }
            byte[] one = member.toByteArray();
            ByteArrayOutputStream all = new ByteArrayOutputStream(one.length * MEMBERS);
            for (int i = 0; i < MEMBERS; i++) {
                all.writeBytes(one);
            }
            return new Bomb(all.toByteArray(), expanded * MEMBERS);
        }
    }
}
