package io.promregator.core.scrape;

import io.promregator.core.ScrapeResult;
import io.promregator.core.ScrapeResult.Outcome;
import io.promregator.core.Scraper;
import io.promregator.core.Target;
import io.promregator.core.auth.Authenticators;
import io.promregator.core.auth.TargetAuthenticator;
import io.promregator.core.config.ScrapeLimits;
import io.promregator.core.exposition.Exposition;
import io.promregator.core.exposition.ExpositionFormat;
import io.promregator.core.exposition.ExpositionParseException;
import io.promregator.core.exposition.ExpositionParser;
import io.promregator.core.scrape.LimitedBodySubscriber.BodyTooLargeException;
import io.promregator.core.scrape.SameOriginRedirects.RedirectRefused;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Scrapes targets with the JDK's asynchronous {@link HttpClient}. No thread waits on a fetch: at most
 * {@link ScrapeSettings#maxInFlight()} fetches run at once on a small shared pool, the rest queue,
 * and a fetch still running when {@link ScrapeSettings#maxProcessingTime()} is over is cancelled,
 * which closes its connection. Targets whose authenticator brings a TLS context (a client certificate) are
 * fetched with a client of their own per context, with the same settings and threads. Thread-safe; close it
 * to stop its threads.
 */
public final class HttpClientScraper implements Scraper, AutoCloseable {
    public static final String INSTANCE_HEADER = "X-Promregator-Instance";
    static final String ACCEPT =
            "application/openmetrics-text;version=1.0.0;q=1.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    private static final Logger logger = LoggerFactory.getLogger(HttpClientScraper.class);
    private static final long ERROR_BODY_LIMIT = 512;

    private final ScrapeSettings settings;
    private final Authenticators authenticators;
    private final ScrapeLimits limits;
    private final ExecutorService executor;
    private final ScheduledThreadPoolExecutor timer;
    private final HttpClient client;
    private final Map<SSLContext, HttpClient> tlsClients = new ConcurrentHashMap<>();
    private final AsyncLimiter limiter;

    public HttpClientScraper(ScrapeSettings settings) {
        this(settings, Authenticators.NONE);
    }

    /** A scraper that authenticates to each target as {@code authenticators} says. */
    public HttpClientScraper(ScrapeSettings settings, Authenticators authenticators) {
        this(settings, authenticators, ScrapeLimits.defaults());
    }

    /** A scraper that also fails targets whose exposition passes these limits. */
    public HttpClientScraper(ScrapeSettings settings, Authenticators authenticators, ScrapeLimits limits) {
        this.settings = settings;
        this.authenticators = authenticators;
        this.limits = limits;
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        this.executor = Executors.newFixedThreadPool(threads, daemonThreads("promregator-scrape-"));
        this.timer = new ScheduledThreadPoolExecutor(1, daemonThreads("promregator-scrape-timer-"));
        // A fetch done in time cancels its deadline: drop it then, rather than keep it and the result it
        // reaches queued for maxProcessingTime (at 2,000 scrapes/s and 5 s, 10,000 expositions).
        timer.setRemoveOnCancelPolicy(true);
        this.client = newClient(Optional.empty());
        this.limiter = new AsyncLimiter(settings.maxInFlight(), settings.slotLease(), executor, timer);
    }

    /** A client with the settings' timeouts and proxy, on the shared executor, presenting {@code tls} if given. */
    private HttpClient newClient(Optional<SSLContext> tls) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectionTimeout())
                .followRedirects(HttpClient.Redirect.NEVER) // SameOriginRedirects decides, see send()
                .executor(executor);
        settings.proxy().ifPresent(proxy -> builder.proxy(ProxySelector.of(proxy)));
        tls.ifPresent(builder::sslContext);
        return builder.build();
    }

    /** The default client, or the one for the authenticator's TLS context, made at its first use. */
    private HttpClient client(TargetAuthenticator authenticator) {
        Optional<SSLContext> tls = authenticator.tls();
        return tls.isEmpty()
                ? client
                : tlsClients.computeIfAbsent(tls.get(), context -> newClient(Optional.of(context)));
    }

    public ScrapeSettings settings() {
        return settings;
    }

    /** Deadlines of fetches still running or waiting. */
    int pendingDeadlines() {
        return timer.getQueue().size();
    }

    @Override
    public CompletableFuture<ScrapeResult> scrape(Target target) {
        long queued = System.nanoTime();
        CompletableFuture<ScrapeResult> result = new CompletableFuture<>();
        ScheduledFuture<?> queueDeadline = timer.schedule(
                () -> result.complete(failure(target, Outcome.TIMEOUT, queueTimeoutMessage(), queued, 0)),
                settings.maxProcessingTime().toNanos(),
                TimeUnit.NANOSECONDS);
        limiter.submit(slot -> {
            queueDeadline.cancel(false);
            fetch(target, slot, result);
        });
        return result;
    }

    /** Fetches in {@code slot}; the fetch's own deadline starts now, so that time spent queued costs it nothing. */
    private void fetch(Target target, AsyncLimiter.Slot slot, CompletableFuture<ScrapeResult> result) {
        if (result.isDone()) { // timed out or cancelled while queued
            slot.release();
            return;
        }
        long start = System.nanoTime();
        ScheduledFuture<?> deadline = timer.schedule(
                () -> result.complete(failure(target, Outcome.TIMEOUT, timeoutMessage(), start, 0)),
                settings.maxProcessingTime().toNanos(),
                TimeUnit.NANOSECONDS);
        TargetAuthenticator authenticator = authenticators.forTarget(target);
        HttpClient targetClient = client;
        CompletableFuture<Optional<String>> authorization;
        try { // an authenticator's failure fails this scrape, never the limiter's count
            targetClient = client(authenticator);
            authorization = authenticator.authorization();
        } catch (RuntimeException e) {
            authorization = CompletableFuture.failedFuture(e);
        }
        HttpClient chosen = targetClient;
        AtomicReference<CompletableFuture<HttpResponse<byte[]>>> sent = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> running = authorization
                .handle((header, error) -> {
                    if (error != null) {
                        throw new AuthenticationFailure(Fetches.unwrap(error));
                    }
                    return header;
                })
                .thenCompose(header -> send(chosen, request(target, header), null, sent, result));
        result.whenComplete((r, e) -> {
            deadline.cancel(false);
            running.cancel(true);
            CompletableFuture<HttpResponse<byte[]>> exchange = sent.get();
            if (exchange != null) {
                exchange.cancel(true); // no-op when done; aborts the exchange on timeout or caller's cancel
            }
        });
        running.whenComplete((response, error) -> {
            slot.release();
            if (response != null && response.statusCode() == 401) {
                response.request().headers().firstValue("Authorization").ifPresent(authenticator::refused);
            }
            if (!result.isDone()) {
                result.complete(toResult(target, start, response, error));
            }
        });
    }

    /**
     * Sends {@code request}, and again to where a redirect points when {@code redirects} allows it, with the
     * same headers; the exchange running is kept in {@code sent} so that a deadline can abort it.
     *
     * @param redirects the policy of this scrape, null until its first redirect (most scrapes have none)
     */
    private CompletableFuture<HttpResponse<byte[]>> send(
            HttpClient client,
            HttpRequest request,
            SameOriginRedirects redirects,
            AtomicReference<CompletableFuture<HttpResponse<byte[]>>> sent,
            CompletableFuture<ScrapeResult> result) {
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, this::bodySubscriber);
        sent.set(exchange);
        if (result.isDone()) {
            exchange.cancel(true);
        }
        return exchange.thenCompose(response -> {
            if (!SameOriginRedirects.isRedirect(response.statusCode())) {
                return CompletableFuture.completedFuture(response);
            }
            SameOriginRedirects policy = redirects != null ? redirects : new SameOriginRedirects(request.uri());
            URI next = policy.next(
                    request.uri(), response.statusCode(), response.headers().firstValue("Location"));
            return send(
                    client,
                    HttpRequest.newBuilder(request, (name, value) -> true)
                            .uri(next)
                            .build(),
                    policy,
                    sent,
                    result);
        });
    }

    private HttpRequest request(Target target, Optional<String> authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target.url())
                .GET()
                .timeout(settings.socketReadTimeout())
                .header("Accept", ACCEPT)
                .header("Accept-Encoding", "gzip")
                .header(INSTANCE_HEADER, settings.instanceId());
        for (Map.Entry<String, String> header : target.headers().entrySet()) {
            builder.header(header.getKey(), header.getValue());
        }
        authorization.ifPresent(value -> builder.header("Authorization", value));
        return builder.build();
    }

    private HttpResponse.BodySubscriber<byte[]> bodySubscriber(HttpResponse.ResponseInfo info) {
        if (info.statusCode() != 200) {
            return new LimitedBodySubscriber(ERROR_BODY_LIMIT, true);
        }
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        long limit = declared > settings.maxResponseBytes() ? 0 : settings.maxResponseBytes();
        return new LimitedBodySubscriber(limit, false);
    }

    private ScrapeResult toResult(Target target, long start, HttpResponse<byte[]> response, Throwable error) {
        if (error != null) {
            return fromError(target, start, Fetches.unwrap(error));
        }
        byte[] body = response.body();
        if (response.statusCode() != 200) {
            Outcome outcome = Fetches.isUnknownRoute(response) ? Outcome.INSTANCE_NOT_RUNNING : Outcome.HTTP_STATUS;
            return failure(target, outcome, Fetches.statusMessage(response), start, body.length);
        }
        Optional<String> contentType = response.headers().firstValue("Content-Type");
        Optional<ExpositionFormat> format = ExpositionFormat.fromContentType(contentType.orElse(null));
        if (format.isEmpty()) {
            return failure(
                    target,
                    Outcome.UNSUPPORTED_CONTENT_TYPE,
                    "unsupported Content-Type: " + contentType.orElse(""),
                    start,
                    body.length);
        }
        try {
            if (response.headers()
                    .firstValue("Content-Encoding")
                    .filter("gzip"::equalsIgnoreCase)
                    .isPresent()) {
                body = Gzip.decompress(body, settings.maxResponseBytes());
            }
            Exposition exposition = ExpositionParser.parse(body, format.get());
            Optional<String> breach = ExpositionLimits.firstBreach(exposition, limits);
            if (breach.isPresent()) {
                return failure(target, Outcome.LIMIT_EXCEEDED, breach.get(), start, body.length);
            }
            return ScrapeResult.success(target, exposition, elapsed(start), body.length);
        } catch (ExpositionParseException e) {
            return failure(target, Outcome.MALFORMED, "malformed exposition: " + e.getMessage(), start, body.length);
        } catch (BodyTooLargeException e) {
            return failure(target, Outcome.BODY_TOO_LARGE, e.getMessage(), start, body.length);
        } catch (IOException e) {
            return failure(target, Outcome.MALFORMED, "bad gzip body: " + e.getMessage(), start, body.length);
        }
    }

    private ScrapeResult fromError(Target target, long start, Throwable error) {
        if (error instanceof AuthenticationFailure failure) {
            // At every scrape, so DEBUG: TargetStateLog warns once when the target goes down.
            try (MDC.MDCCloseable ignored =
                    MDC.putCloseable(TargetStateLog.MDC_TARGET, TargetStateLog.shownId(target))) {
                logger.debug(
                        "No credentials for {}: {}",
                        SameOriginRedirects.shown(target.url()),
                        failure.getCause().getMessage());
            }
            return failure(
                    target,
                    Outcome.AUTHENTICATION,
                    "no credentials: " + failure.getCause().getMessage(),
                    start,
                    0);
        }
        if (error instanceof RedirectRefused) {
            return failure(target, Outcome.REDIRECT, error.getMessage(), start, 0);
        }
        if (error instanceof BodyTooLargeException) {
            return failure(target, Outcome.BODY_TOO_LARGE, error.getMessage(), start, 0);
        }
        if (error instanceof HttpConnectTimeoutException) {
            return failure(
                    target,
                    Outcome.TIMEOUT,
                    "connect timed out after " + settings.connectionTimeout().toMillis() + " ms",
                    start,
                    0);
        }
        if (error instanceof HttpTimeoutException) {
            return failure(
                    target,
                    Outcome.TIMEOUT,
                    "no response within " + settings.socketReadTimeout().toMillis() + " ms",
                    start,
                    0);
        }
        Optional<SSLException> tls = Fetches.tlsFailure(error);
        if (tls.isPresent()) {
            return failure(
                    target,
                    Outcome.CONNECTION,
                    "TLS handshake failed: " + tls.get().getMessage(),
                    start,
                    0);
        }
        if (error instanceof ConnectException || error instanceof IOException) {
            String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
            return failure(target, Outcome.CONNECTION, "connection failed: " + message, start, 0);
        }
        logger.warn("Unexpected failure scraping {}", SameOriginRedirects.shown(target.url()), error);
        return failure(target, Outcome.CONNECTION, "request failed: " + error, start, 0);
    }

    private String queueTimeoutMessage() {
        return "no fetch slot free within maxProcessingTime "
                + settings.maxProcessingTime().toMillis() + " ms (promregator.scraping.threads "
                + settings.maxInFlight() + ")";
    }

    private String timeoutMessage() {
        return "no complete response within maxProcessingTime "
                + settings.maxProcessingTime().toMillis() + " ms";
    }

    private static ScrapeResult failure(Target target, Outcome outcome, String message, long start, long bytes) {
        return ScrapeResult.failure(target, outcome, message, elapsed(start), bytes);
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        executor.shutdownNow();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The target's credentials could not be had; the scrape fails instead of going out without them. */
    private static final class AuthenticationFailure extends RuntimeException {
        AuthenticationFailure(Throwable cause) {
            super(cause);
        }
    }
}
