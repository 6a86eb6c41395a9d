package io.promregator.core.exposition;

import static io.promregator.core.exposition.ExpositionFormat.OPENMETRICS;
import static io.promregator.core.exposition.ExpositionFormat.PROMETHEUS_TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ContentNegotiationTest {

    @Test
    void answersPrometheus2DefaultHeaderWithOpenMetrics() {
        assertThat(ContentNegotiation.choose("application/openmetrics-text;version=1.0.0,"
                        + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"))
                .isEqualTo(OPENMETRICS);
    }

    @Test
    void answersPrometheus3DefaultHeaderWithOpenMetrics() {
        assertThat(ContentNegotiation.choose("application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,"
                        + "application/openmetrics-text;version=0.0.1;q=0.5,"
                        + "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,"
                        + "text/plain;version=0.0.4;q=0.3,*/*;q=0.2"))
                .isEqualTo(OPENMETRICS);
    }

    @Test
    void skipsProtobufThatItCannotServeForTheNextPreference() {
        assertThat(ContentNegotiation.choose("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
                        + "encoding=delimited;q=0.6,application/openmetrics-text;version=1.0.0;q=0.5,"
                        + "text/plain;version=0.0.4;q=0.3,*/*;q=0.2"))
                .isEqualTo(OPENMETRICS);
    }

    @Test
    void answersTextWhenTextIsPreferred() {
        assertThat(ContentNegotiation.choose("text/plain;version=0.0.4;q=1,*/*;q=0.1"))
                .isEqualTo(PROMETHEUS_TEXT);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "*/*", "text/*", "text/plain", "text/html,application/xhtml+xml,*/*;q=0.8"})
    void answersTextByDefaultAndToBrowsers(String header) {
        assertThat(ContentNegotiation.choose(header)).isEqualTo(PROMETHEUS_TEXT);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // the higher q-value wins, whatever the order
                "text/plain;q=0.5,application/openmetrics-text;q=0.9 | OPENMETRICS",
                "application/openmetrics-text;q=0.4,text/plain;q=0.5 | PROMETHEUS_TEXT",
                // on a tie the one listed first
                "application/openmetrics-text,text/plain | OPENMETRICS",
                "text/plain,application/openmetrics-text | PROMETHEUS_TEXT",
                "application/openmetrics-text;q=0.5,*/*;q=0.5 | OPENMETRICS",
                // q=0: not acceptable, even where a wildcard would match
                "application/openmetrics-text;q=0,text/plain;q=0.1 | PROMETHEUS_TEXT",
                "text/plain;q=0,*/* | OPENMETRICS",
                "text/*;q=0,application/* | OPENMETRICS",
                // any OpenMetrics version, and only the text versions we write
                "application/openmetrics-text;version=0.0.1 | OPENMETRICS",
                "application/openmetrics-text;version=2.0.0 | OPENMETRICS",
                "text/plain;version=0.0.4;q=0.2,text/plain;version=9.9.9,application/openmetrics-text;q=0.3 | OPENMETRICS",
                "application/* | OPENMETRICS",
                // nothing acceptable: text anyway
                "application/json | PROMETHEUS_TEXT",
                "application/openmetrics-text;q=0 | PROMETHEUS_TEXT",
                // case, spaces and quotes do not matter
                "Application/OpenMetrics-Text ; Version=\"1.0.0\" ; Q=0.9 , text/plain ; q=0.8 | OPENMETRICS",
                "text/plain;foo=\"a,b;c\";q=0.1,application/openmetrics-text;q=0.2 | OPENMETRICS",
                // a malformed q-value counts as 1
                "text/plain;q=0.5,application/openmetrics-text;q=high | OPENMETRICS",
                "text/plain;q=0.5,application/openmetrics-text;q=7 | OPENMETRICS",
                "application/openmetrics-text;q=-1,text/plain;q=0.9 | OPENMETRICS",
                // elements that are not media ranges are skipped
                "garbage,;;,application/openmetrics-text | OPENMETRICS",
            })
    void honoursQualityValues(String header, ExpositionFormat expected) {
        assertThat(ContentNegotiation.choose(header)).isEqualTo(expected);
    }
}
