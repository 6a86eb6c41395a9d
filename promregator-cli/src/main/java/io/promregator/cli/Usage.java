package io.promregator.cli;

import io.promregator.core.PrometheusSnippets;

/** The text {@code --help} prints. */
final class Usage {
    /** The address of Promregator in the Prometheus snippets of the help, as in the README. */
    static final String EXAMPLE_ADDRESS = "promregator.example.com:8080";

    static final String TEXT = """
            Usage: java -jar promregator-cli.jar [OPTION]

            Prometheus aggregator for Cloud Foundry: finds the app instances, scrapes each one, adds the
            labels org_name, space_name, app_name, cf_instance_id and cf_instance_number, and serves the
            result to Prometheus in two modes (below).

            Options:
              --config FILE        run with the configuration in FILE (the original Promregator's
                                   promregator.yml loads unchanged; environment variables such as
                                   CF_PASSWORD or PROMREGATOR_SCRAPING_THREADS override it)
              --check-config FILE  check FILE, print every problem found, and exit (0 when valid)
              --explain-targets FILE
                                   discover once with FILE and print, for each configured target,
                                   what it matched and why each candidate was dropped
              --demo               run against a simulated Cloud Foundry started in this process
                                   (Cloud Controller, UAA, gorouter and apps on 127.0.0.1)
              --version            print the version and exit
              -h, --help           print this text and exit

            Single Target Scraping: /discovery lists one target per app instance for Prometheus'
            http_sd_configs, and Prometheus scrapes each on /singleTargetMetrics/<appGuid>/<index>.
            In prometheus.yml:

            %s
            Single Endpoint Scraping: /metrics serves all targets, merged and labelled, in one
            response (simpler for a few dozen instances). In prometheus.yml:

            %s
            Other endpoints: /targets, /promregatorMetrics, /explainTargets, /cache/invalidate, /-/healthy, /-/ready
            Exit codes: 0 stopped normally, 1 runtime failure, 2 bad arguments or configuration.
            """.formatted(
                    PrometheusSnippets.singleTarget("http", EXAMPLE_ADDRESS).indent(4),
                    PrometheusSnippets.singleEndpoint("http", EXAMPLE_ADDRESS).indent(4));

    private Usage() {}
}
