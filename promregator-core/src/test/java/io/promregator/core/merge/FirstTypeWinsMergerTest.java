package io.promregator.core.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.ExpositionMerger.MergeResult;
import io.promregator.core.exposition.Exposition;
import io.promregator.core.exposition.Labels;
import io.promregator.core.exposition.MetricFamily;
import io.promregator.core.exposition.MetricType;
import io.promregator.core.exposition.Sample;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FirstTypeWinsMergerTest {
    private final FirstTypeWinsMerger merger = new FirstTypeWinsMerger();

    private static Exposition exposition(MetricFamily... families) {
        return new Exposition(List.of(families));
    }

    private static MetricFamily gauge(String name, String help, Sample... samples) {
        return new MetricFamily(name, MetricType.GAUGE, help, "", List.of(samples));
    }

    private static Sample sample(String name, String instance, double value) {
        return new Sample(name, Labels.of("instance", instance), value);
    }

    @Test
    void groupsSamplesOfOneFamilyUnderOneHeaderInTargetOrder() {
        MergeResult result = merger.merge(List.of(
                exposition(gauge("a", "A.", sample("a", "1", 1)), gauge("b", "B.", sample("b", "1", 2))),
                exposition(gauge("b", "B.", sample("b", "2", 3)), gauge("a", "A.", sample("a", "2", 4)))));

        assertThat(result.exposition().families())
                .extracting(MetricFamily::name)
                .containsExactly("a", "b");
        assertThat(result.exposition().families().get(0).samples())
                .extracting(Sample::value)
                .containsExactly(1.0, 4.0);
        assertThat(result.exposition().families().get(1).samples())
                .extracting(Sample::value)
                .containsExactly(2.0, 3.0);
        assertThat(result.typeConflicts()).isZero();
        assertThat(result.duplicateSeries()).isZero();
    }

    @Test
    void firstTargetsTypeWinsAndTheConflictIsCounted() {
        MetricFamily histogram = new MetricFamily(
                "lat",
                MetricType.HISTOGRAM,
                "",
                "",
                List.of(
                        new Sample("lat_bucket", Labels.of("le", "+Inf"), 1),
                        new Sample("lat_count", Labels.EMPTY, 1)));
        MetricFamily gauge = gauge("lat", "", sample("lat", "2", 7));
        MetricFamily plainCounter = new MetricFamily("up", MetricType.COUNTER, "", "", List.of(sample("up", "1", 1)));
        MetricFamily upGauge = gauge("up", "", sample("up", "2", 1));

        MergeResult result = merger.merge(List.of(exposition(histogram, plainCounter), exposition(gauge, upGauge)));

        assertThat(result.exposition().families()).containsExactly(histogram, plainCounter);
        assertThat(result.typeConflicts()).isEqualTo(2);
    }

    @Test
    void gaugeAndCounterSharingAFamilyNameButNoSeriesNameCoexist() {
        MetricFamily gauge = gauge("go_memstats_alloc_bytes", "", sample("go_memstats_alloc_bytes", "1", 5));
        MetricFamily counter = new MetricFamily(
                "go_memstats_alloc_bytes",
                MetricType.COUNTER,
                "",
                "",
                List.of(sample("go_memstats_alloc_bytes_total", "1", 9)));
        MetricFamily gauge2 = gauge("go_memstats_alloc_bytes", "", sample("go_memstats_alloc_bytes", "2", 6));
        MetricFamily counter2 = new MetricFamily(
                "go_memstats_alloc_bytes",
                MetricType.COUNTER,
                "",
                "",
                List.of(sample("go_memstats_alloc_bytes_total", "2", 10)));

        MergeResult result = merger.merge(List.of(exposition(gauge, counter), exposition(gauge2, counter2)));

        assertThat(result.exposition().families())
                .extracting(MetricFamily::type)
                .containsExactly(MetricType.GAUGE, MetricType.COUNTER);
        assertThat(result.exposition().families())
                .allSatisfy(f -> assertThat(f.samples()).hasSize(2));
        assertThat(result.typeConflicts()).isZero();
    }

    @Test
    void familyWhoseSampleNamesClashWithAnEarlierFamilyIsAConflict() {
        MetricFamily counter =
                new MetricFamily("jobs", MetricType.COUNTER, "", "", List.of(sample("jobs_total", "1", 5)));
        MetricFamily gauge = gauge("jobs_total", "", sample("jobs_total", "2", 7));
        MetricFamily histogram = new MetricFamily(
                "lat",
                MetricType.HISTOGRAM,
                "",
                "",
                List.of(
                        new Sample("lat_bucket", Labels.of("le", "+Inf"), 1),
                        new Sample("lat_count", Labels.EMPTY, 1)));
        MetricFamily countGauge = gauge("lat_count", "", sample("lat_count", "2", 1));

        MergeResult result = merger.merge(List.of(exposition(counter, histogram), exposition(gauge, countGauge)));

        assertThat(result.exposition().families()).containsExactly(counter, histogram);
        assertThat(result.typeConflicts()).isEqualTo(2);
    }

    @Test
    void laterFamilyWhoseNameIsAnEarlierFamilysSampleIsAConflictEvenBeforeItsSamples() {
        MetricFamily gauge = gauge("x_total", "", sample("x_total", "1", 1));
        MetricFamily counter = new MetricFamily("x", MetricType.COUNTER, "", "", List.of(sample("x_total", "2", 5)));

        MergeResult result = merger.merge(List.of(exposition(gauge), exposition(counter)));

        assertThat(result.exposition().families()).containsExactly(gauge);
        assertThat(result.typeConflicts()).isEqualTo(1);
    }

    @Test
    void duplicateSeriesAreDroppedAndCountedWhateverTheLabelOrder() {
        Sample first = new Sample("a", Labels.of("x", "1", "y", "2"), 1);
        Sample reordered = new Sample("a", Labels.of("y", "2", "x", "1"), 2);

        MergeResult result =
                merger.merge(List.of(exposition(gauge("a", "", first)), exposition(gauge("a", "", reordered))));

        assertThat(result.exposition().families().get(0).samples()).containsExactly(first);
        assertThat(result.duplicateSeries()).isEqualTo(1);
    }

    @Test
    void sameSeriesAtALaterTimestampIsKeptAndTheSameOrAnEarlierTimestampIsADuplicate() {
        Sample at1000 = new Sample("a", Labels.EMPTY, 1, 1000, Optional.empty());
        Sample at2000 = new Sample("a", Labels.EMPTY, 2, 2000, Optional.empty());
        Sample againAt2000 = new Sample("a", Labels.EMPTY, 3, 2000, Optional.empty());
        Sample backAt1500 = new Sample("a", Labels.EMPTY, 4, 1500, Optional.empty());
        Sample untimed = new Sample("b", Labels.EMPTY, 5);
        Sample untimedAgain = new Sample("b", Labels.EMPTY, 6);
        Sample timedAfterUntimed = new Sample("b", Labels.EMPTY, 7, 3000, Optional.empty());

        MergeResult result = merger.merge(List.of(
                exposition(gauge("a", "", at1000, at2000, againAt2000, backAt1500)),
                exposition(gauge("b", "", untimed, untimedAgain, timedAfterUntimed))));

        assertThat(result.exposition().families().get(0).samples()).containsExactly(at1000, at2000);
        assertThat(result.exposition().families().get(1).samples()).containsExactly(untimed);
        assertThat(result.duplicateSeries()).isEqualTo(4);
    }

    @Test
    void firstNonEmptyHelpAndUnitWin() {
        MetricFamily noHelp =
                new MetricFamily("t_seconds", MetricType.GAUGE, "", "", List.of(sample("t_seconds", "1", 1)));
        MetricFamily withHelp = new MetricFamily(
                "t_seconds", MetricType.GAUGE, "Time.", "seconds", List.of(sample("t_seconds", "2", 2)));
        MetricFamily otherHelp =
                new MetricFamily("t_seconds", MetricType.GAUGE, "Other.", "", List.of(sample("t_seconds", "3", 3)));

        MetricFamily merged = merger.merge(List.of(exposition(noHelp), exposition(withHelp), exposition(otherHelp)))
                .exposition()
                .families()
                .get(0);

        assertThat(merged.help()).isEqualTo("Time.");
        assertThat(merged.unit()).isEqualTo("seconds");
        assertThat(merged.samples()).hasSize(3);
    }

    @Test
    void mergingNothingGivesAnEmptyExposition() {
        MergeResult result = merger.merge(List.of());

        assertThat(result.exposition().families()).isEmpty();
    }
}
