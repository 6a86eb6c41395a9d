package io.promregator.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelsNameIdentityTest {
    @Test
    void consecutiveSamplesOfAParsedFamilyShareTheirNameStrings() throws ExpositionParseException {
        Exposition parsed = ExpositionParser.parse(
                "m{a=\"1\",b=\"2\"} 1\nm{a=\"3\",b=\"4\"} 2\nm{b=\"5\",a=\"6\"} 3\n", ExpositionFormat.PROMETHEUS_TEXT);
        List<Sample> samples = parsed.families().get(0).samples();

        assertThat(samples.get(1).labels().hasSameNameStrings(samples.get(0).labels()))
                .isTrue();
        assertThat(samples.get(2).labels().hasSameNameStrings(samples.get(1).labels()))
                .as("the same names in another order")
                .isFalse();
    }

    @Test
    void equalNamesInOtherStringsOrOtherNumbersAreNotTheSame() {
        Labels one = Labels.of("a", "1", "b", "2");

        assertThat(one.hasSameNameStrings(null)).isFalse();
        assertThat(one.hasSameNameStrings(Labels.of("a", "1"))).isFalse();
        assertThat(one.hasSameNameStrings(
                        Labels.fromArrays(new String[] {new String("a"), new String("b")}, new String[] {"1", "2"})))
                .isFalse();
        assertThat(one.hasSameNameStrings(one)).isTrue();
        assertThat(Labels.EMPTY.hasSameNameStrings(Labels.EMPTY)).isTrue();
    }
}
