package io.promregator.core.cf.client;

import io.promregator.core.cf.CloudControllerException;
import io.promregator.core.cf.client.RequestListener.Outcome;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one request, retrying I/O errors, timeouts, 5xx and 429 with exponential backoff and jitter (a
 * 429's {@code Retry-After} instead when it has one); other statuses are returned at once. Cloud
 * Controller requests pass the rate limit first. Counts every attempt by type and tells the settings'
 * {@link RequestListener} how each ended. Thread-safe.
 */
final class RetryingTransport {
    private static final Logger logger = LoggerFactory.getLogger(RetryingTransport.class);

    /** A response of any status, its body read completely. */
    record Response(int status, HttpHeaders headers, byte[] body) {
        boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    private final HttpClient client;
    private final CloudControllerSettings settings;
    private final TokenBucket rateLimit;
    private final Map<RequestType, LongAdder> counts = new EnumMap<>(RequestType.class);

    RetryingTransport(HttpClient client, CloudControllerSettings settings) {
        this.client = client;
        this.settings = settings;
        this.rateLimit = new TokenBucket(settings.rateLimit(), settings.clock(), settings.sleeper());
        for (RequestType type : RequestType.values()) {
            counts.put(type, new LongAdder());
        }
    }

    /**
     * Sends the request (its timeout set from the type) until it gets a final answer.
     *
     * @param description method and path for messages; never a secret
     * @return the last response, whatever its status
     * @throws CloudControllerException when no response came in any attempt, or when interrupted
     */
    Response send(RequestType type, HttpRequest.Builder builder, String description) {
        Duration timeout = settings.timeout(type);
        HttpRequest request = builder.timeout(timeout).build();
        int attempts = settings.attempts();
        try {
            for (int attempt = 1; ; attempt++) {
                if (type != RequestType.TOKEN) {
                    rateLimit.acquire();
                }
                counts.get(type).increment();
                Duration wait;
                long started = System.nanoTime();
                try {
                    HttpResponse<byte[]> answer = exchange(request, timeout);
                    Response response = new Response(answer.statusCode(), answer.headers(), answer.body());
                    report(type, started, response.isSuccess() ? Outcome.SUCCESS : Outcome.ERROR_STATUS);
                    logger.trace(
                            "{} answered {} in {} ms (attempt {})",
                            description,
                            response.status(),
                            (System.nanoTime() - started) / 1_000_000,
                            attempt);
                    if (!isRetryable(response.status()) || attempt == attempts) {
                        return response;
                    }
                    Optional<Duration> retryAfter = response.status() == 429 ? retryAfter(response) : Optional.empty();
                    if (retryAfter.isPresent() && retryAfter.get().compareTo(settings.maxRetryAfter()) > 0) {
                        return response;
                    }
                    wait = retryAfter.isPresent() ? retryAfter.get() : backoff(attempt);
                    logger.debug(
                            "{} answered {}; attempt {} of {}, next in {} ms",
                            description,
                            response.status(),
                            attempt,
                            attempts,
                            wait.toMillis());
                } catch (HttpTimeoutException e) {
                    report(type, started, Outcome.TIMEOUT);
                    if (attempt == attempts) {
                        String what = e instanceof HttpConnectTimeoutException
                                ? "connecting to " + ConnectionFailure.address(request.uri()) + " timed out after "
                                : "timed out after ";
                        throw new CloudControllerException(
                                description,
                                0,
                                List.of(),
                                what + timeout.toMillis() + " ms, in each of " + attempts + " attempts",
                                e);
                    }
                    wait = backoff(attempt);
                    logger.debug("{} timed out; attempt {} of {}", description, attempt, attempts);
                } catch (IOException e) {
                    report(type, started, Outcome.IO_ERROR);
                    if (attempt == attempts) {
                        throw new CloudControllerException(
                                description,
                                0,
                                List.of(),
                                ConnectionFailure.describe(e, request.uri()) + ", in each of " + attempts + " attempts",
                                e);
                    }
                    wait = backoff(attempt);
                    logger.debug("{} failed: {}; attempt {} of {}", description, e, attempt, attempts);
                }
                settings.sleeper().sleep(wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudControllerException(description, 0, List.of(), "interrupted", e);
        }
    }

    private void report(RequestType type, long startedNanos, Outcome outcome) {
        try {
            settings.requestListener().requestDone(type, Duration.ofNanos(System.nanoTime() - startedNanos), outcome);
        } catch (RuntimeException e) {
            logger.debug("The request listener failed; ignored", e);
        }
    }

    /** One attempt, bounded as a whole (reading the body included) by the timeout. */
    private HttpResponse<byte[]> exchange(HttpRequest request, Duration timeout)
            throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> future =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("no complete response within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException cause) {
                throw cause;
            }
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IOException(e.getCause());
        }
    }

    long count(RequestType type) {
        return counts.get(type).sum();
    }

    long count() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    static boolean isRetryable(int status) {
        return status == 429 || status >= 500;
    }

    /** The backoff before attempt {@code attempt + 1}: doubling from the setting, plus up to 50% jitter. */
    Duration backoff(int attempt) {
        long base = settings.backoff().toMillis() << Math.min(attempt - 1, 20);
        double jitter = ThreadLocalRandom.current().nextDouble(0, 0.5);
        return Duration.ofMillis(base + (long) (base * jitter));
    }

    /** A 429's {@code Retry-After} in seconds; absent (then back off) when missing or not a number. */
    static Optional<Duration> retryAfter(Response response) {
        return response.header("Retry-After").flatMap(value -> {
            try {
                long seconds = Long.parseLong(value.strip());
                return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
