package io.promregator.core.server;

import java.util.Map;

/**
 * Settings of the JDK's HTTP server that are system properties, read once per JVM when its first server
 * starts. Each is set only when the embedding application has not set it; an application that started a
 * JDK server before Promregator's keeps the JDK's defaults.
 */
final class JdkServerProperties {
    /**
     * The JDK server writes a response's headers and body apart; without TCP_NODELAY the body waits for the
     * client's delayed ACK, up to 40 ms on Linux.
     */
    static final String NO_DELAY = "sun.net.httpserver.nodelay";

    /** Request line and headers, in bytes (each header counted with 32 more); beyond, the connection is closed. */
    static final String MAX_HEADER_BYTES = "sun.net.httpserver.maxReqHeaderSize";

    static final String MAX_HEADERS = "sun.net.httpserver.maxReqHeaders";

    /** Seconds a response may take to be sent; a client that stops reading is cut off after it. */
    static final String MAX_RESPONSE_SECONDS = "sun.net.httpserver.maxRspTime";

    /** As Spring Boot's default for the original: 8 KiB of request line and headers, at most 100 headers. */
    static final Map<String, String> DEFAULTS = Map.of(
            NO_DELAY, "true",
            MAX_HEADER_BYTES, "8192",
            MAX_HEADERS, "100",
            MAX_RESPONSE_SECONDS, "60");

    private JdkServerProperties() {}

    /** Sets the properties the application has not set. Call before the JVM's first JDK server starts. */
    static void apply() {
        DEFAULTS.forEach(System.getProperties()::putIfAbsent);
    }
}
