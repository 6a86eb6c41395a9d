package io.promregator.cli;

/** The text {@code --help} prints. */
final class Usage {
    static final String TEXT = """
            Usage: java -jar promregator-cli.jar [OPTION]

            Prometheus aggregator for Cloud Foundry: scrapes every target, adds the labels org_name,
            space_name, app_name, cf_instance_id and cf_instance_number, and serves one merged
            exposition on /metrics.

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

            Endpoints: /metrics, /promregatorMetrics, /explainTargets, /cache/invalidate,
            /-/healthy, /-/ready
            Exit codes: 0 stopped normally, 1 runtime failure, 2 bad arguments or configuration.
            """;

    private Usage() {}
}
