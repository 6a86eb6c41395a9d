package io.promregator.core.config;

import java.util.List;
import java.util.Objects;

/**
 * The HTTP server ({@code server.*}, Spring Boot's keys as the original used them).
 *
 * @param port the listening port; 0 picks a free one. Without this key and {@code SERVER_PORT}, the
 *     environment variable {@code PORT} gives it (as Cloud Foundry sets it), else 8080
 * @param address the address to bind; {@code 0.0.0.0} for all
 * @param tomcat the number of worker threads answering requests ({@code server.tomcat.threads.max})
 * @param compression whether responses are gzipped for clients that accept it ({@code enabled}; the
 *     MIME type list is accepted but not needed: every response may be compressed)
 * @param ssl HTTPS ({@code server.ssl.*}): a PEM certificate and key, or a key store
 */
public record Server(
        @Key(Check.PORT) int port,
        @Key(Check.ADDRESS) String address,
        Tomcat tomcat,
        Compression compression,
        ServerSsl ssl) {
    public Server {
        address = Objects.requireNonNullElse(address, "0.0.0.0");
        tomcat = Objects.requireNonNullElseGet(tomcat, Tomcat::defaults);
        compression = Objects.requireNonNullElseGet(compression, Compression::defaults);
        ssl = Objects.requireNonNullElseGet(ssl, ServerSsl::defaults);
    }

    /** Port 8080 on all addresses. */
    public static Server defaults() {
        return of(8080, "0.0.0.0");
    }

    public static Server of(int port, String address) {
        return new Server(port, address, null, null, null);
    }

    public Server withPort(int value) {
        return new Server(value, address, tomcat, compression, ssl);
    }

    public Server withAddress(String value) {
        return new Server(port, value, tomcat, compression, ssl);
    }

    /**
     * {@code server.tomcat.threads.max} (16 in the original) and the older Spring Boot key
     * {@code server.tomcat.max-threads} (0 when unset).
     */
    public record Tomcat(
            Threads threads, @Key(Check.AT_LEAST_ZERO) int maxThreads) {
        public Tomcat {
            threads = Objects.requireNonNullElseGet(threads, Threads::defaults);
        }

        public static Tomcat defaults() {
            return new Tomcat(null, 0);
        }
    }

    /** {@code server.tomcat.threads.max}. */
    public record Threads(@Key(Check.AT_LEAST_ONE) int max) {
        public static Threads defaults() {
            return new Threads(16);
        }
    }

    /** {@code server.compression.*}: on in the original, for these types. */
    public record Compression(
            boolean enabled, @Key(implemented = false) List<String> mimeTypes) {
        public Compression {
            mimeTypes = mimeTypes == null ? List.of() : List.copyOf(mimeTypes);
        }

        public static Compression defaults() {
            return new Compression(
                    true,
                    List.of(
                            "application/json",
                            "application/xml",
                            "text/html",
                            "text/xml",
                            "text/plain",
                            "application/javascript",
                            "text/css"));
        }
    }
}
