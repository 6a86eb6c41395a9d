package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.LabelEnricher;
import io.promregator.core.Target;
import io.promregator.core.enrich.CfLabelEnricher;
import io.promregator.core.enrich.LabelConflict;
import io.promregator.core.exposition.Exposition;
import io.promregator.core.exposition.ExpositionFormat;
import io.promregator.core.exposition.ExpositionParser;
import io.promregator.core.exposition.ExpositionWriter;
import io.promregator.core.exposition.Labels;
import org.junit.jupiter.api.Test;

/**
 * Metric enrichment tested on its own: no network, no server. Parse what your app exposes, enrich it
 * as Promregator would, and compare the text Prometheus would receive.
 */
class EnrichmentTest {
    private static final Labels INSTANCE =
            Target.cfLabels("shop-org", "production", "shop", "1b9c3f52-0000-4000-8000-00000000abcd", 1);

    private static String enrich(String exposition, LabelConflict policy) throws Exception {
        LabelEnricher enricher = new CfLabelEnricher(policy);
        Exposition parsed = ExpositionParser.parse(exposition, ExpositionFormat.PROMETHEUS_TEXT);
        return ExpositionWriter.toString(
                enricher.enrich(parsed, INSTANCE).families(), ExpositionFormat.PROMETHEUS_TEXT);
    }

    @Test
    void everySampleGetsTheInstanceLabels() throws Exception {
        String enriched = enrich("""
                # HELP carts_open Carts not checked out.
                # TYPE carts_open gauge
                carts_open{region="eu"} 42
                """, LabelConflict.EXPORTED);

        assertThat(enriched).isEqualTo("""
                # HELP carts_open Carts not checked out.
                # TYPE carts_open gauge
                carts_open{region="eu",org_name="shop-org",space_name="production",app_name="shop",\
                cf_instance_id="1b9c3f52-0000-4000-8000-00000000abcd:1",cf_instance_number="1"} 42
                """);
    }

    @Test
    void anAppsOwnAppNameLabelIsKeptAsExportedAppName() throws Exception {
        String enriched = enrich("""
                # TYPE carts_open gauge
                carts_open{app_name="shop-v2"} 42
                """, LabelConflict.EXPORTED);

        assertThat(enriched).contains("carts_open{exported_app_name=\"shop-v2\",org_name=\"shop-org\"");
        assertThat(enriched).contains(",app_name=\"shop\",");
    }

    @Test
    void keepPolicyLeavesTheAppsOwnValue() throws Exception {
        String enriched = enrich("""
                # TYPE carts_open gauge
                carts_open{app_name="shop-v2"} 42
                """, LabelConflict.KEEP);

        assertThat(enriched).contains("carts_open{app_name=\"shop-v2\",org_name=\"shop-org\"");
        assertThat(enriched).doesNotContain("app_name=\"shop\"");
    }
}
