package io.promregator.core.cf.client;

import java.time.Duration;

/**
 * Told about every HTTP attempt the Cloud Controller client makes (each page and each retry, token
 * requests included), after it ended. The time spent waiting for the rate limit is not included. Called
 * on the client's threads, concurrently: implementations must be thread-safe and quick, and must not
 * throw (an exception is logged and ignored).
 */
@FunctionalInterface
public interface RequestListener {
    /** Listens to nothing: the default. */
    RequestListener NONE = (type, duration, outcome) -> {};

    /** How one attempt ended. */
    enum Outcome {
        /** A 2xx answer. */
        SUCCESS,
        /** An answer with any other status (a 401 before a token renewal, a 404, a 5xx, a 429, ...). */
        ERROR_STATUS,
        /** No complete answer within the request type's timeout. */
        TIMEOUT,
        /** No answer: connection refused or reset, TLS failure, ... */
        IO_ERROR
    }

    /**
     * @param type the kind of request
     * @param duration from sending the request to the complete answer (or the failure)
     * @param outcome how it ended
     */
    void requestDone(RequestType type, Duration duration, Outcome outcome);
}
