package io.promregator.simulator;

/** The small foundation most simulator tests run against. */
public final class TestFoundations {
    public static final String USER = "promregator";
    public static final String PASSWORD = "secret";
    public static final String CLIENT = "promregator-client";
    public static final String CLIENT_SECRET = "client-secret";

    private TestFoundations() {}

    public static Foundation small() {
        return Foundation.builder()
                .org(
                        "shop-org",
                        org -> org.space(
                                        "production",
                                        space -> space.app(
                                                        "shop",
                                                        app -> app.instances("RUNNING", "RUNNING", "CRASHED")
                                                                .route("shop.apps.example.com"))
                                                .app(
                                                        "billing",
                                                        app -> app.stopped().route("billing.apps.example.com"))
                                                .app(
                                                        "internal-worker",
                                                        app -> app.instances("RUNNING")
                                                                .internalRoute("worker.apps.internal"))
                                                .app(
                                                        "annotated",
                                                        app -> app.annotation("prometheus.io/scrape", "true")
                                                                .annotation(
                                                                        "prometheus.io/path", "/actuator/prometheus")))
                                .space("hidden", space -> space.invisible().app("secret")))
                .org(
                        "other-org",
                        org -> org.space("dev", space -> space.app("tool").app("Shop")))
                .build();
    }

    public static CfSimulator start(Foundation foundation) {
        return CfSimulator.builder()
                .user(USER, PASSWORD)
                .client(CLIENT, CLIENT_SECRET)
                .foundation(foundation)
                .start();
    }
}
