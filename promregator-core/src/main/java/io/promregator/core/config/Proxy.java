package io.promregator.core.config;

import java.util.Objects;

/**
 * An HTTP proxy ({@code cf.proxy.*}, {@code promregator.scraping.proxy.*}).
 *
 * @param host host name or IP address without scheme; empty for no proxy
 * @param port the proxy's port; 0 for no proxy
 */
public record Proxy(
        @Key(Check.PROXY_HOST) String host, @Key(Check.PORT) int port) {
    public Proxy {
        host = Objects.requireNonNullElse(host, "");
    }

    /** No proxy. */
    public static Proxy defaults() {
        return new Proxy("", 0);
    }

    /** Whether both host and port are set, so that traffic goes through the proxy. */
    public boolean configured() {
        return !host.isEmpty() && port > 0;
    }
}
