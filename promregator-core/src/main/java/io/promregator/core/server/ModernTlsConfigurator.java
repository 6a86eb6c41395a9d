package io.promregator.core.server;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/** HTTPS with TLS 1.3 and 1.2 only, whatever else the JVM would allow. Thread-safe. */
final class ModernTlsConfigurator extends HttpsConfigurator {
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final String[] protocols;

    ModernTlsConfigurator(SSLContext context) {
        super(context);
        List<String> supported =
                Arrays.asList(context.getSupportedSSLParameters().getProtocols());
        this.protocols = PROTOCOLS.stream().filter(supported::contains).toArray(String[]::new);
        if (protocols.length == 0) {
            throw new IllegalStateException("this JVM supports neither TLSv1.3 nor TLSv1.2");
        }
    }

    @Override
    public void configure(HttpsParameters params) {
        SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
        parameters.setProtocols(protocols.clone());
        params.setSSLParameters(parameters);
    }

    /** An HTTPS server when {@code tls} is given, else a plain HTTP one; bound, not started. */
    static HttpServer bind(InetSocketAddress address, int backlog, Optional<SSLContext> tls) throws IOException {
        if (tls.isEmpty()) {
            return HttpServer.create(address, backlog);
        }
        HttpsServer server = HttpsServer.create(address, backlog);
        server.setHttpsConfigurator(new ModernTlsConfigurator(tls.get()));
        return server;
    }
}
