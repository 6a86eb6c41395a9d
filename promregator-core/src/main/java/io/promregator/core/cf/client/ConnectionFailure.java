package io.promregator.core.cf.client;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

/**
 * Why a request got no response, in words: {@code cannot resolve host api.example.com},
 * {@code connection refused by 127.0.0.1:8443}, {@code TLS handshake failed: ...}, rather than the
 * JDK's bare {@code java.net.ConnectException}.
 */
final class ConnectionFailure {
    private ConnectionFailure() {}

    /** The cause of an I/O error of a request to {@code uri}, found anywhere in its chain of causes. */
    static String describe(Throwable error, URI uri) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof UnresolvedAddressException || e instanceof UnknownHostException) {
                return "cannot resolve host " + uri.getHost();
            }
        }
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof SSLException) {
                return "TLS handshake failed: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof ConnectException) {
                String message = e.getMessage();
                return message == null || message.isBlank() || message.contains("refused")
                        ? "connection refused by " + address(uri)
                        : "cannot connect to " + address(uri) + ": " + message;
            }
        }
        return error.getMessage() == null || error.getMessage().isBlank()
                ? error.getClass().getName()
                : error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    /** {@code host:port}, the port the scheme's default when the URI has none. */
    static String address(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
        return uri.getHost() + ":" + port;
    }
}
