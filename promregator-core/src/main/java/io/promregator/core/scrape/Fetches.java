package io.promregator.core.scrape;

import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLException;

/** How a fetch's answer or error reads: the gorouter's refusals, TLS failures, the cause behind a future. */
final class Fetches {
    private Fetches() {}

    /** The TLS failure behind an error, if it is one: an untrusted certificate, a refused client certificate. */
    static Optional<SSLException> tlsFailure(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof SSLException ssl && ssl.getMessage() != null) {
                return Optional.of(ssl);
            }
        }
        return Optional.empty();
    }

    static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** The gorouter's answer for an instance it does not know: 400 (404 before routing 0.197.0), unknown_route. */
    static boolean isUnknownRoute(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        return (status == 400 || status == 404)
                && response.headers()
                        .firstValue("X-Cf-Routererror")
                        .filter(error -> error.startsWith("unknown_route"))
                        .isPresent();
    }

    static String statusMessage(HttpResponse<byte[]> response) {
        String reason = response.headers()
                .firstValue("X-Cf-Routererror")
                .map(r -> " (" + r + ")")
                .orElse("");
        return "HTTP " + response.statusCode() + reason;
    }
}
