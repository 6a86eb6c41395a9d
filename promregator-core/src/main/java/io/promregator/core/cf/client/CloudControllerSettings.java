package io.promregator.core.cf.client;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link HttpCloudController} reaches the Cloud Controller and UAA. Build it with {@link #builder()},
 * which holds every default (the original Promregator's where it had one).
 *
 * @param apiUrl the Cloud Controller, e.g. {@code https://api.example.org}; plain {@code http} is meant for
 *     local simulators only
 * @param credentials the UAA grant and its secrets
 * @param loginUrl the UAA server to get tokens from, instead of the root document's {@code links.login}
 *     (then {@code links.uaa}); empty to use the root document
 * @param skipSslValidation whether TLS certificates and host names of the Cloud Controller and UAA go
 *     unchecked
 * @param proxy an HTTP proxy for all Cloud Controller and UAA requests, if any
 * @param timeouts per kind of request, for each attempt: until the response headers arrive
 * @param connectTimeout the TCP (and TLS) connect timeout
 * @param attempts how often a request is sent at most when it fails with an I/O error, a timeout, a 5xx or a
 *     429 (the original: 3)
 * @param backoff the wait before the second attempt; it doubles for each further one, plus up to 50% jitter;
 *     zero for none
 * @param maxRetryAfter the longest {@code Retry-After} of a 429 the client waits for; a longer one fails the
 *     request at once
 * @param rateLimit Cloud Controller requests per second over all callers (a token bucket; callers wait); 0
 *     for unlimited. Token requests to UAA are not limited.
 * @param guidsPerRequest the most guids (or names) one list request filters on; longer lists are split
 * @param threads the threads of the HTTP client's executor
 * @param clock tells token expiry and feeds the rate limit
 * @param sleeper waits between attempts and for the rate limit
 * @param requestListener told how every attempt ended and how long it took ({@link RequestListener#NONE}
 *     by default)
 */
public record CloudControllerSettings(
        URI apiUrl,
        UaaCredentials credentials,
        Optional<URI> loginUrl,
        boolean skipSslValidation,
        Optional<InetSocketAddress> proxy,
        Map<RequestType, Duration> timeouts,
        Duration connectTimeout,
        int attempts,
        Duration backoff,
        Duration maxRetryAfter,
        double rateLimit,
        int guidsPerRequest,
        int threads,
        Clock clock,
        Sleeper sleeper,
        RequestListener requestListener) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(2500);
    public static final Duration DEFAULT_TOKEN_TIMEOUT = Duration.ofSeconds(5);

    public CloudControllerSettings {
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(loginUrl, "loginUrl");
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(requestListener, "requestListener");
        requireHttpUrl(apiUrl, "apiUrl");
        loginUrl.ifPresent(url -> requireHttpUrl(url, "loginUrl"));
        EnumMap<RequestType, Duration> complete = new EnumMap<>(RequestType.class);
        for (RequestType type : RequestType.values()) {
            Duration timeout = timeouts.get(type);
            complete.put(type, timeout != null ? requirePositive(timeout, "timeout of " + type) : defaultTimeout(type));
        }
        timeouts = Map.copyOf(complete);
        requirePositive(connectTimeout, "connectTimeout");
        Objects.requireNonNull(backoff, "backoff");
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative. Found: " + backoff);
        }
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1. Found: " + attempts);
        }
        if (!(rateLimit >= 0) || Double.isInfinite(rateLimit)) {
            throw new IllegalArgumentException("rateLimit must be a number of at least 0. Found: " + rateLimit);
        }
        if (guidsPerRequest < 1) {
            throw new IllegalArgumentException("guidsPerRequest must be at least 1. Found: " + guidsPerRequest);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1. Found: " + threads);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder with these values. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.apiUrl = apiUrl;
        builder.credentials = credentials;
        builder.loginUrl = loginUrl.orElse(null);
        builder.skipSslValidation = skipSslValidation;
        builder.proxy = proxy.orElse(null);
        builder.timeouts.putAll(timeouts);
        builder.connectTimeout = connectTimeout;
        builder.attempts = attempts;
        builder.backoff = backoff;
        builder.maxRetryAfter = maxRetryAfter;
        builder.rateLimit = rateLimit;
        builder.guidsPerRequest = guidsPerRequest;
        builder.threads = threads;
        builder.clock = clock;
        builder.sleeper = sleeper;
        builder.requestListener = requestListener;
        return builder;
    }

    /** The timeout of one attempt of this kind of request. */
    public Duration timeout(RequestType type) {
        return timeouts.get(type);
    }

    /**
     * The URL for {@code cf.api_host}: {@code host[:port]} means https as in the original; an explicit
     * {@code http://} or {@code https://} URL is taken as it is, without a trailing slash.
     */
    public static URI apiUrl(String apiHost) {
        String text = Objects.requireNonNull(apiHost, "apiHost").strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the Cloud Controller's host must not be empty");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("://") && !(lower.startsWith("http://") || lower.startsWith("https://"))) {
            throw new IllegalArgumentException("the Cloud Controller's URL must be http or https: " + apiHost);
        }
        String url = lower.startsWith("http://") || lower.startsWith("https://") ? text : "https://" + text;
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a host name or URL: " + apiHost, e);
        }
        requireHttpUrl(uri, "apiUrl");
        return uri;
    }

    private static Duration defaultTimeout(RequestType type) {
        return type == RequestType.TOKEN || type == RequestType.ROOT ? DEFAULT_TOKEN_TIMEOUT : DEFAULT_TIMEOUT;
    }

    private static void requireHttpUrl(URI url, String name) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an http or https URL with a host. Found: " + url);
        }
    }

    private static Duration requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive. Found: " + duration);
        }
        return duration;
    }

    /** Starts from the defaults: 2.5 s per request (5 s for {@code /} and tokens), 3 attempts, 500 ms backoff. */
    public static final class Builder {
        private URI apiUrl;
        private UaaCredentials credentials;
        private URI loginUrl;
        private boolean skipSslValidation;
        private InetSocketAddress proxy;
        private final Map<RequestType, Duration> timeouts = new EnumMap<>(RequestType.class);
        private Duration connectTimeout = DEFAULT_TIMEOUT;
        private int attempts = 3;
        private Duration backoff = Duration.ofMillis(500);
        private Duration maxRetryAfter = Duration.ofSeconds(60);
        private double rateLimit;
        private int guidsPerRequest = 100;
        private int threads = 2;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private RequestListener requestListener = RequestListener.NONE;

        private Builder() {}

        public Builder apiUrl(URI value) {
            this.apiUrl = value;
            return this;
        }

        /** The API from {@code cf.api_host}; see {@link CloudControllerSettings#apiUrl(String)}. */
        public Builder apiHost(String value) {
            this.apiUrl = CloudControllerSettings.apiUrl(value);
            return this;
        }

        public Builder credentials(UaaCredentials value) {
            this.credentials = value;
            return this;
        }

        public Builder loginUrl(URI value) {
            this.loginUrl = value;
            return this;
        }

        public Builder skipSslValidation(boolean value) {
            this.skipSslValidation = value;
            return this;
        }

        /** An HTTP proxy; {@code null} for none. The host is resolved when a request is sent. */
        public Builder proxy(String host, int port) {
            this.proxy =
                    host == null || host.isEmpty() || port <= 0 ? null : InetSocketAddress.createUnresolved(host, port);
            return this;
        }

        public Builder timeout(RequestType type, Duration value) {
            this.timeouts.put(type, value);
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        public Builder attempts(int value) {
            this.attempts = value;
            return this;
        }

        public Builder backoff(Duration value) {
            this.backoff = value;
            return this;
        }

        public Builder maxRetryAfter(Duration value) {
            this.maxRetryAfter = value;
            return this;
        }

        public Builder rateLimit(double value) {
            this.rateLimit = value;
            return this;
        }

        public Builder guidsPerRequest(int value) {
            this.guidsPerRequest = value;
            return this;
        }

        public Builder threads(int value) {
            this.threads = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public Builder sleeper(Sleeper value) {
            this.sleeper = value;
            return this;
        }

        public Builder requestListener(RequestListener value) {
            this.requestListener = value;
            return this;
        }

        public CloudControllerSettings build() {
            return new CloudControllerSettings(
                    apiUrl,
                    credentials,
                    Optional.ofNullable(loginUrl),
                    skipSslValidation,
                    Optional.ofNullable(proxy),
                    timeouts,
                    connectTimeout,
                    attempts,
                    backoff,
                    maxRetryAfter,
                    rateLimit,
                    guidsPerRequest,
                    threads,
                    clock,
                    sleeper,
                    requestListener);
        }
    }
}
