package io.promregator.core.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.Target;
import io.promregator.core.exposition.Exemplar;
import io.promregator.core.exposition.Exposition;
import io.promregator.core.exposition.Labels;
import io.promregator.core.exposition.MetricFamily;
import io.promregator.core.exposition.MetricType;
import io.promregator.core.exposition.Sample;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CfLabelEnricherTest {
    private static final Labels CF = Target.cfLabels("org", "space", "app", "guid-1", 2);

    @Test
    void cfLabelsUseTheOriginalNamesAndOrder() {
        assertThat(CF.toString())
                .isEqualTo("{org_name=\"org\",space_name=\"space\",app_name=\"app\","
                        + "cf_instance_id=\"guid-1:2\",cf_instance_number=\"2\"}");
    }

    @Test
    void appendsTargetLabelsAfterTheSamplesOwn() {
        Labels enriched = new CfLabelEnricher(LabelConflict.EXPORTED).enrich(Labels.of("method", "GET"), CF);

        assertThat(enriched.toString())
                .isEqualTo("{method=\"GET\",org_name=\"org\",space_name=\"space\",app_name=\"app\","
                        + "cf_instance_id=\"guid-1:2\",cf_instance_number=\"2\"}");
    }

    @Test
    void exportedPolicyKeepsTheTargetsValueUnderExportedName() {
        Labels enriched = new CfLabelEnricher(LabelConflict.EXPORTED)
                .enrich(Labels.of("app_name", "mine", "x", "1"), Labels.of("app_name", "app"));

        assertThat(enriched.toString()).isEqualTo("{exported_app_name=\"mine\",x=\"1\",app_name=\"app\"}");
    }

    @Test
    void exportedPolicyPrefixesAgainWhenExportedNameIsTaken() {
        Labels enriched = new CfLabelEnricher(LabelConflict.EXPORTED)
                .enrich(Labels.of("app_name", "a", "exported_app_name", "b"), Labels.of("app_name", "app"));

        assertThat(enriched.toString())
                .isEqualTo("{exported_exported_app_name=\"a\",exported_app_name=\"b\",app_name=\"app\"}");
    }

    @Test
    void overridePolicyReplacesTheTargetsValue() {
        Labels enriched = new CfLabelEnricher(LabelConflict.OVERRIDE)
                .enrich(Labels.of("app_name", "mine", "x", "1"), Labels.of("app_name", "app", "org_name", "o"));

        assertThat(enriched.toString()).isEqualTo("{x=\"1\",app_name=\"app\",org_name=\"o\"}");
    }

    @Test
    void keepPolicyKeepsTheTargetsValueAndAddsTheRest() {
        Labels enriched = new CfLabelEnricher(LabelConflict.KEEP)
                .enrich(Labels.of("app_name", "mine"), Labels.of("app_name", "app", "org_name", "o"));

        assertThat(enriched.toString()).isEqualTo("{app_name=\"mine\",org_name=\"o\"}");
    }

    @Test
    void neverProducesADuplicateLabelNameUnderAnyPolicy() {
        Labels own = Labels.of(
                "org_name", "a", "space_name", "b", "app_name", "c", "cf_instance_id", "d", "cf_instance_number", "e");
        for (LabelConflict policy : LabelConflict.values()) {
            Labels enriched = new CfLabelEnricher(policy).enrich(own, CF);
            long distinct = java.util.stream.IntStream.range(0, enriched.size())
                    .mapToObj(enriched::name)
                    .distinct()
                    .count();
            assertThat(distinct).as(policy.name()).isEqualTo(enriched.size());
        }
    }

    @Test
    void enrichesEverySampleOfEveryFamilyAndLeavesExemplarsAlone() {
        Exemplar exemplar = new Exemplar(Labels.of("trace_id", "abc"), 0.5, Sample.NO_TIMESTAMP);
        MetricFamily histogram = new MetricFamily(
                "rpc",
                MetricType.HISTOGRAM,
                "RPCs.",
                "",
                List.of(
                        new Sample("rpc_bucket", Labels.of("le", "1.0"), 3, Sample.NO_TIMESTAMP, Optional.of(exemplar)),
                        new Sample("rpc_bucket", Labels.of("le", "+Inf"), 4),
                        new Sample("rpc_count", Labels.EMPTY, 4),
                        new Sample("rpc_sum", Labels.EMPTY, 2.5)));
        MetricFamily gauge =
                new MetricFamily("temp", MetricType.GAUGE, "", "", List.of(new Sample("temp", Labels.EMPTY, 1)));

        Exposition enriched = new CfLabelEnricher(LabelConflict.EXPORTED)
                .enrich(new Exposition(List.of(histogram, gauge)), Labels.of("app_name", "app"));

        assertThat(enriched.families()).extracting(MetricFamily::name).containsExactly("rpc", "temp");
        assertThat(enriched.families().get(0).samples())
                .allSatisfy(s -> assertThat(s.labels().get("app_name")).isEqualTo("app"));
        assertThat(enriched.families().get(0).samples().get(0).labels().get("le"))
                .isEqualTo("1.0");
        assertThat(enriched.families().get(0).samples().get(0).exemplar()).contains(exemplar);
        assertThat(enriched.families().get(1).samples().get(0).labels()).isEqualTo(Labels.of("app_name", "app"));
    }

    @Test
    void emptyTargetLabelsLeaveTheExpositionUnchanged() {
        Exposition exposition = new Exposition(List.of(new MetricFamily(
                "temp", MetricType.GAUGE, "", "", List.of(new Sample("temp", Labels.of("a", "b"), 1)))));

        assertThat(new CfLabelEnricher(LabelConflict.EXPORTED).enrich(exposition, Labels.EMPTY))
                .isSameAs(exposition);
    }

    @Test
    void appendsAsIsExactlyWhenNoSampleHasALabelOfTheTargets() {
        Exposition plain = new Exposition(List.of(new MetricFamily(
                "jobs", MetricType.COUNTER, "", "", List.of(new Sample("jobs_total", Labels.of("method", "GET"), 1)))));
        Exposition clashing = new Exposition(List.of(new MetricFamily(
                "jobs",
                MetricType.COUNTER,
                "",
                "",
                List.of(
                        new Sample("jobs_total", Labels.of("method", "GET"), 1),
                        new Sample("jobs_total", Labels.of("app_name", "mine"), 2)))));
        for (LabelConflict policy : LabelConflict.values()) {
            CfLabelEnricher enricher = new CfLabelEnricher(policy);

            assertThat(enricher.appendsAsIs(plain, CF)).isTrue();
            assertThat(enricher.appendsAsIs(clashing, CF)).isFalse();
            assertThat(enricher.enrich(Labels.of("method", "GET"), CF).toString())
                    .isEqualTo("{method=\"GET\"," + CF.toString().substring(1));
        }
    }
}
