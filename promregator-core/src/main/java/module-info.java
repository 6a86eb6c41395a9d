/**
 * Promregator, embeddable: the aggregator that scrapes Cloud Foundry app instances one by one and serves
 * them to Prometheus.
 *
 * <p>Exported, and so the API: the builder and its configuration ({@code io.promregator.core}), the four
 * seams and the data they exchange, the exposition model with its parser and writer, and the default
 * implementations of the seams that an embedder may wrap or reuse. The rest (the Cloud Foundry client,
 * discovery, scraping, the server, the configuration's key tree) is not exported and may change in any
 * release; {@code docs/architecture.md} describes it.
 */
module io.promregator.core {
    requires com.fasterxml.jackson.annotation;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires java.net.http;
    requires jdk.httpserver;
    requires org.slf4j;
    requires org.yaml.snakeyaml;
    // simpleclient 0.16.0 names no module: these are the names the JDK derives from the jars' file names.
    requires simpleclient;
    requires simpleclient.common;
    requires simpleclient.hotspot;

    exports io.promregator.core;
    exports io.promregator.core.enrich;
    exports io.promregator.core.exposition;
    exports io.promregator.core.merge;
    exports io.promregator.core.target;

    // Jackson binds the YAML onto the configuration's records.
    opens io.promregator.core.config to
            com.fasterxml.jackson.databind;
}
