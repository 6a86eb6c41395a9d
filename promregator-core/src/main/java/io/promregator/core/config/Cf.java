package io.promregator.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * The connection to Cloud Foundry ({@code cf.*}), with the original's keys.
 *
 * @param apiHost the Cloud Controller's host ({@code cf.api_host}), as {@code host}, {@code host:port} or,
 *     new here, {@code http(s)://host[:port]}; empty when unset
 * @param username the user of the password grant; empty for the client-credentials grant
 * @param password never shown by {@link #toString()}; best given as {@code CF_PASSWORD}
 * @param clientId the UAA client (new key): {@code cf} by default, as the cf CLI; with no username,
 *     the client logs in by itself (client-credentials grant)
 * @param clientSecret the UAA client's secret (new key); empty for {@code cf}; never shown
 * @param skipSslValidation whether TLS certificates of the Cloud Controller and UAA go unchecked
 * @param proxy HTTP proxy for Cloud Controller and UAA traffic only
 * @param proxyHost the original's V0 proxy host for all traffic, deprecated
 * @param proxyPort the original's V0 proxy port, deprecated; 0 when unset
 */
public record Cf(
        @Key(Check.API_HOST) @JsonProperty("api_host") String apiHost,
        String username,
        String password,
        String clientId,
        String clientSecret,
        boolean skipSslValidation,
        Proxy proxy,
        @Key(Check.PROXY_HOST) String proxyHost,
        @Key(Check.PORT) int proxyPort,
        @Key(implemented = false) CfPool connectionPool,
        CfPool threadPool,
        CfRequest request,
        CfCache cache,
        @Key(implemented = false) CfWatchdog watchdog) {

    public Cf {
        apiHost = Objects.requireNonNullElse(apiHost, "");
        username = Objects.requireNonNullElse(username, "");
        password = Objects.requireNonNullElse(password, "");
        clientId = Objects.requireNonNullElse(clientId, DEFAULT_CLIENT_ID);
        clientSecret = Objects.requireNonNullElse(clientSecret, "");
        proxy = Objects.requireNonNullElseGet(proxy, Proxy::defaults);
        proxyHost = Objects.requireNonNullElse(proxyHost, "");
        connectionPool = Objects.requireNonNullElseGet(connectionPool, CfPool::defaults);
        threadPool = Objects.requireNonNullElseGet(threadPool, CfPool::defaults);
        request = Objects.requireNonNullElseGet(request, CfRequest::defaults);
        cache = Objects.requireNonNullElseGet(cache, CfCache::defaults);
        watchdog = Objects.requireNonNullElseGet(watchdog, CfWatchdog::defaults);
    }

    public static final String DEFAULT_CLIENT_ID = "cf";

    public static Cf defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "Cf[apiHost=" + apiHost + ", username=" + username + ", password=" + Problems.HIDDEN
                + ", clientId=" + clientId + ", clientSecret=" + Problems.HIDDEN
                + ", skipSslValidation=" + skipSslValidation + ", proxy=" + proxy + ", proxyHost=" + proxyHost
                + ", proxyPort=" + proxyPort + ", connectionPool=" + connectionPool + ", threadPool=" + threadPool
                + ", request=" + request + ", cache=" + cache + ", watchdog=" + watchdog + "]";
    }

    /** Starts from the original's defaults. */
    public static final class Builder {
        private String apiHost = "";
        private String username = "";
        private String password = "";
        private String clientId = DEFAULT_CLIENT_ID;
        private String clientSecret = "";
        private boolean skipSslValidation;
        private Proxy proxy = Proxy.defaults();
        private CfRequest request = CfRequest.defaults();
        private CfCache cache = CfCache.defaults();
        private CfWatchdog watchdog = CfWatchdog.defaults();
        private CfPool connectionPool = CfPool.defaults();
        private CfPool threadPool = CfPool.defaults();

        private Builder() {}

        public Builder apiHost(String value) {
            this.apiHost = value;
            return this;
        }

        public Builder username(String value) {
            this.username = value;
            return this;
        }

        public Builder password(String value) {
            this.password = value;
            return this;
        }

        public Builder clientId(String value) {
            this.clientId = value;
            return this;
        }

        public Builder clientSecret(String value) {
            this.clientSecret = value;
            return this;
        }

        public Builder skipSslValidation(boolean value) {
            this.skipSslValidation = value;
            return this;
        }

        public Builder proxy(Proxy value) {
            this.proxy = value;
            return this;
        }

        public Builder connectionPool(CfPool value) {
            this.connectionPool = value;
            return this;
        }

        public Builder threadPool(CfPool value) {
            this.threadPool = value;
            return this;
        }

        public Builder request(CfRequest value) {
            this.request = value;
            return this;
        }

        public Builder cache(CfCache value) {
            this.cache = value;
            return this;
        }

        public Builder watchdog(CfWatchdog value) {
            this.watchdog = value;
            return this;
        }

        public Cf build() {
            return new Cf(
                    apiHost,
                    username,
                    password,
                    clientId,
                    clientSecret,
                    skipSslValidation,
                    proxy,
                    "",
                    0,
                    connectionPool,
                    threadPool,
                    request,
                    cache,
                    watchdog);
        }
    }
}
