package io.promregator.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Cloud Controller v3 error bodies: {@code {"errors":[{"detail","title","code"}]}}, keys in CC's order. */
final class CloudControllerErrors {
    private CloudControllerErrors() {}

    static Reply reply(int status, String title, int code, String detail) {
        return Reply.json(status, body(title, code, detail));
    }

    static ObjectNode body(String title, int code, String detail) {
        ObjectNode body = Json.object();
        body.putArray("errors")
                .addObject()
                .put("detail", detail)
                .put("title", title)
                .put("code", code);
        return body;
    }

    static Reply badQuery(String problem) {
        return reply(400, "CF-BadQueryParameter", 10005, "The query parameter is invalid: " + problem);
    }

    static Reply notAuthenticated() {
        return reply(401, "CF-NotAuthenticated", 10002, "Authentication error");
    }

    static Reply invalidAuthToken() {
        return reply(401, "CF-InvalidAuthToken", 1000, "Invalid Auth Token");
    }

    static Reply notFound(String what) {
        return reply(404, "CF-ResourceNotFound", 10010, what + " not found");
    }

    static Reply unknownRequest() {
        return reply(404, "CF-NotFound", 10000, "Unknown request");
    }

    /** 429 with the JSON body sent as text/plain, as the real rate limiter does. */
    static Reply rateLimited(int retryAfterSeconds, long resetEpochSeconds) {
        return reply(429, "CF-RateLimitExceeded", 10013, "Rate Limit Exceeded")
                .withContentType(Reply.TEXT)
                .withHeader("Retry-After", Integer.toString(retryAfterSeconds))
                .withHeader("X-RateLimit-Limit", "2000")
                .withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", Long.toString(resetEpochSeconds));
    }

    static Reply serviceUnavailable() {
        return reply(503, "CF-ServiceUnavailable", 10015, "Service unavailable: simulated outage");
    }

    static Reply instancesUnavailable() {
        return reply(503, "CF-InstancesUnavailable", 220002, "Stats server temporarily unavailable.");
    }

    /** Thrown while reading a request that must be answered with {@link #reply()}. */
    static final class Rejected extends RuntimeException {
        private final transient Reply reply;

        Rejected(Reply reply) {
            super(null, null, false, false);
            this.reply = reply;
        }

        Reply reply() {
            return reply;
        }
    }
}
