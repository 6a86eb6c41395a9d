package io.promregator.simulator;

/** The two foundations that come ready: {@link Foundation#demo()} and {@link Foundation#large}. */
final class ReadyFoundations {
    private ReadyFoundations() {}

    /** See {@link Foundation#demo()}. */
    static Foundation demo() {
        return Foundation.builder()
                .domain("apps.example.com")
                .internalDomain("apps.internal")
                .org(
                        "demo-org",
                        org -> org.space("production", ReadyFoundations::production)
                                .space("staging", ReadyFoundations::staging))
                .org(
                        "platform-org",
                        org -> org.space("tools", ReadyFoundations::tools)
                                .space(
                                        "restricted",
                                        space -> space.invisible()
                                                .app("vault-broker", app -> app.route("vault.apps.example.com"))))
                .org(
                        "hidden-org",
                        org -> org.invisible()
                                .space(
                                        "finance",
                                        space -> space.app("ledger", app -> app.route("ledger.apps.example.com"))))
                .build();
    }

    private static void production(SpaceBuilder space) {
        space.app(
                "shop",
                app -> app.instances("RUNNING", "RUNNING", "CRASHED")
                        .route("shop.apps.example.com")
                        .openMetrics()
                        .label("team", "checkout"));
        space.app("billing", app -> app.instances("RUNNING", "STARTING", "DOWN").route("billing.apps.example.com"));
        space.app("reports", app -> app.instances(2).stopped().route("reports.apps.example.com"));
        space.app("batch", app -> app.instances(1));
        space.app("internal-worker", app -> app.instances(2).internalRoute("worker.apps.internal"));
        space.app(
                "annotated-api",
                app -> app.instances(2)
                        .route("api.apps.example.com")
                        .annotation("prometheus.io/scrape", "true")
                        .annotation("prometheus.io/path", "/actuator/prometheus")
                        .metricsPath("/actuator/prometheus")
                        .openMetrics());
        space.app(
                "legacy",
                app -> app.instances(1).route("legacy.apps.example.com").appNameLabel("legacy-monolith"));
    }

    private static void staging(SpaceBuilder space) {
        space.app("shop", app -> app.instances("RUNNING", "STOPPING").route("shop-staging.apps.example.com"));
    }

    private static void tools(SpaceBuilder space) {
        space.app(
                "secured-exporter",
                app -> app.instances(1).route("exporter.apps.example.com").metricsBasicAuth("metrics", "s3cret"));
        space.app(
                "handbook",
                app -> app.instances(1).route("docs.apps.example.com/handbook").metricsPath("/handbook/metrics"));
    }

    static Foundation large(int orgs, int spacesPerOrg, int appsPerSpace, int instancesPerApp) {
        requirePositive(orgs, "orgs");
        requirePositive(spacesPerOrg, "spacesPerOrg");
        requirePositive(appsPerSpace, "appsPerSpace");
        if (instancesPerApp < 0) {
            throw new IllegalArgumentException("instancesPerApp: must be 0 or more. Found: " + instancesPerApp);
        }
        Foundation.Builder builder = Foundation.builder().domain("apps.example.com");
        for (int o = 1; o <= orgs; o++) {
            int org = o;
            builder.org("org-" + org, orgBuilder -> {
                for (int s = 1; s <= spacesPerOrg; s++) {
                    int space = s;
                    orgBuilder.space("space-" + space, spaceBuilder -> {
                        for (int a = 1; a <= appsPerSpace; a++) {
                            String name = "app-" + org + "-" + space + "-" + a;
                            boolean openMetrics = a % 2 == 0;
                            spaceBuilder.app(name, app -> {
                                app.instances(instancesPerApp).route(name + ".apps.example.com");
                                if (openMetrics) {
                                    app.openMetrics();
                                }
                            });
                        }
                    });
                }
            });
        }
        return builder.build();
    }

    private static void requirePositive(int value, String what) {
        if (value < 1) {
            throw new IllegalArgumentException(what + ": must be 1 or more. Found: " + value);
        }
    }
}
