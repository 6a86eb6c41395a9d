package io.promregator.core.cf.client;

/** The kinds of request the client sends; each has its own timeout and request counter. */
public enum RequestType {
    /** {@code GET /}, once, to find the v3 API and the login server. */
    ROOT,
    /** {@code POST <login>/oauth/token}. */
    TOKEN,
    /** {@code GET /v3/organizations}. */
    ORGANIZATIONS,
    /** {@code GET /v3/spaces}. */
    SPACES,
    /** {@code GET /v3/apps}. */
    APPLICATIONS,
    /** {@code GET /v3/routes?include=domain}. */
    ROUTES,
    /** {@code GET /v3/processes?types=web}. */
    PROCESSES,
    /** {@code GET /v3/processes/:guid/stats}. */
    INSTANCES
}
