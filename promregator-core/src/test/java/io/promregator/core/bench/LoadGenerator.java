package io.promregator.core.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fetches the instances' metrics as Prometheus would (its Accept header, gzip), one instance after the
 * other round-robin, either directly through the gorouter or through the aggregator. Two kinds of load:
 * a closed loop of a fixed number of workers, each sending its next request when the last one is answered
 * (throughput at saturation); and a fixed arrival rate, latency counted from when each request was due
 * (latency at a given load). Bounded in time; a request gets at most 10 s.
 */
final class LoadGenerator implements AutoCloseable {
    static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
            + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_OUTSTANDING = 1024;

    /** The two ways of fetching one instance. */
    enum Way {
        DIRECT,
        PROXIED
    }

    private final List<SimulatedInstance> instances;
    private final URI aggregator;
    private final HttpClient viaGorouter;
    private final HttpClient toAggregator;
    private final AtomicLong next = new AtomicLong();
    private final boolean gzip;

    LoadGenerator(List<SimulatedInstance> instances, InetSocketAddress gorouter, URI aggregator, boolean gzip) {
        this.gzip = gzip;
        this.instances = List.copyOf(instances);
        this.aggregator = aggregator;
        this.viaGorouter = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .proxy(ProxySelector.of(gorouter))
                .build();
        this.toAggregator =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    /** {@code workers} threads fetching back to back for {@code duration}. */
    Samples closedLoop(Way way, int workers, Duration duration) throws InterruptedException {
        Samples samples = new Samples();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (int w = 0; w < workers; w++) {
            pool.execute(() -> {
                while (System.nanoTime() < end) {
                    fetch(way, samples);
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(duration.plus(REQUEST_TIMEOUT).toSeconds() + 5, TimeUnit.SECONDS)) {
            pool.shutdownNow();
        }
        samples.addElapsed(System.nanoTime() - start);
        return samples;
    }

    /**
     * Requests due at {@code perSecond} for {@code duration}, each sent without waiting for the others;
     * latency counts from when the request was due, so a stall is not hidden. More than 1,024 outstanding
     * requests count as failures instead of being sent.
     */
    Samples fixedRate(Way way, double perSecond, Duration duration) throws InterruptedException {
        Samples samples = new Samples();
        AtomicInteger outstanding = new AtomicInteger();
        long period = (long) (1e9 / perSecond);
        long start = System.nanoTime();
        long total = (long) (duration.toNanos() / period);
        AtomicLong issued = new AtomicLong();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timer.scheduleAtFixedRate(
                () -> {
                    long k = issued.getAndIncrement();
                    if (k >= total) {
                        return;
                    }
                    long due = start + k * period;
                    if (outstanding.incrementAndGet() > MAX_OUTSTANDING) {
                        outstanding.decrementAndGet();
                        samples.failure();
                        return;
                    }
                    client(way)
                            .sendAsync(request(way), HttpResponse.BodyHandlers.ofByteArray())
                            .whenComplete((response, error) -> {
                                record(samples, due, response, error);
                                outstanding.decrementAndGet();
                            });
                },
                0,
                period,
                TimeUnit.NANOSECONDS);
        long deadline = start + duration.toNanos() + REQUEST_TIMEOUT.toNanos();
        while ((issued.get() < total || outstanding.get() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        timer.shutdownNow();
        samples.addElapsed(duration.toNanos());
        return samples;
    }

    private void fetch(Way way, Samples samples) {
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = client(way).send(request(way), HttpResponse.BodyHandlers.ofByteArray());
            record(samples, start, response, null);
        } catch (IOException e) {
            samples.failure();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void record(Samples samples, long start, HttpResponse<byte[]> response, Throwable error) {
        long latency = System.nanoTime() - start;
        if (error == null && response.statusCode() == 200) {
            samples.success(latency, response.body().length);
        } else {
            samples.failure();
        }
    }

    private HttpClient client(Way way) {
        return way == Way.DIRECT ? viaGorouter : toAggregator;
    }

    private HttpRequest request(Way way) {
        SimulatedInstance instance = instances.get((int) (next.getAndIncrement() % instances.size()));
        HttpRequest.Builder builder =
                HttpRequest.newBuilder().GET().timeout(REQUEST_TIMEOUT).header("Accept", PROMETHEUS_ACCEPT);
        if (gzip) {
            builder.header("Accept-Encoding", "gzip");
        }
        if (way == Way.DIRECT) {
            builder.uri(instance.directUrl()).header("X-CF-APP-INSTANCE", instance.instanceHeader());
        } else {
            builder.uri(instance.proxiedUrl(aggregator));
        }
        return builder.build();
    }

    @Override
    public void close() {
        // Java 17's HttpClient has no close(); its threads are daemons and its connections idle out.
    }
}
