package io.promregator.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed bodies fail with the line and column of the problem, in both formats. */
class ExpositionParseErrorTest {
    private static ExpositionParseException failure(String body, ExpositionFormat format) {
        try {
            Exposition exposition = ExpositionParser.parse(body, format);
            throw new AssertionError("parsed, but should not have: " + exposition);
        } catch (ExpositionParseException e) {
            return e;
        }
    }

    private static void assertFailure(String body, int line, int column, String message) {
        ExpositionParseException e = failure(body, ExpositionFormat.PROMETHEUS_TEXT);
        assertThat(e.line()).as("line of %s", e.getMessage()).isEqualTo(line);
        assertThat(e.column()).as("column of %s", e.getMessage()).isEqualTo(column);
        assertThat(e.getMessage()).contains(message);
    }

    @Test
    void rejectsHtml() {
        assertFailure("<!DOCTYPE html>\n<html><body>Oops</body></html>\n", 1, 1, "expected a metric name, found '<'");
    }

    @Test
    void rejectsJson() {
        assertFailure("{\"status\":\"error\"}\n", 1, 1, "expected a metric name, found '{'");
    }

    @Test
    void rejectsBinary() {
        byte[] gzip = {0x1f, (byte) 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03};
        assertThatThrownBy(() -> ExpositionParser.parse(gzip, ExpositionFormat.PROMETHEUS_TEXT))
                .isInstanceOf(ExpositionParseException.class)
                .hasMessageContaining("line 1, column 1: expected a metric name, found byte 0x1f");
    }

    @Test
    void rejectsPlainTextErrorPage() {
        assertFailure("Not Found\n", 1, 5, "invalid value 'Found'");
    }

    @Test
    void rejectsDuplicateLabelNames() {
        assertFailure("a 1\nb{x=\"1\",y=\"2\",x=\"3\"} 1\n", 2, 15, "duplicate label name x");
        assertThat(failure("a{x=\"1\",x=\"1\"} 1\n# EOF\n", ExpositionFormat.OPENMETRICS)
                        .column())
                .isEqualTo(9);
    }

    @Test
    void rejectsTheReservedNameLabelAndOtherDoubleUnderscoreLabelsInBothFormats() {
        assertFailure("metric{__name__=\"bla\"} 3.14\n", 1, 8, "reserved label name __name__; names starting with __");
        assertFailure("a{x=\"1\", __meta=\"2\"} 1\n", 1, 10, "reserved label name __meta");
        assertThat(failure("metric{__name__=\"bla\"} 3.14\n# EOF\n", ExpositionFormat.OPENMETRICS))
                .hasMessage(
                        "line 1, column 8: reserved label name __name__; names starting with __ are Prometheus' own");
    }

    @Test
    void countsColumnsInCharactersNotBytes() {
        assertFailure("a{city=\"Zürich\",x=1} 1\n", 1, 19, "expected '\"' to open a label value, found '1'");
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] body = {'a', '{', 'x', '=', '"', (byte) 0xc3, '"', '}', ' ', '1', '\n'};
        assertThatThrownBy(() -> ExpositionParser.parse(body, ExpositionFormat.PROMETHEUS_TEXT))
                .isInstanceOf(ExpositionParseException.class)
                .hasMessage("line 1, column 6: invalid UTF-8");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a                               | 1 | 2  | expected '{' or a blank after the metric name, found end of line
            a{x="1"}                        | 1 | 9  | expected value, found end of line
            a 1 2 3                         | 1 | 7  | expected end of line, found '3'
            a 1 1.5                         | 1 | 5  | invalid timestamp (integer milliseconds) '1.5'
            a 1 99999999999999999999        | 1 | 5  | '99999999999999999999' is out of range; it must fit in 64 bits
            a_total 1 12345678901234567890  | 1 | 11 | '12345678901234567890' is out of range
            a 1x                            | 1 | 3  | invalid value '1x'
            a 0x1                           | 1 | 3  | invalid value '0x1'
            a 0x1p-3                        | 1 | 3  | invalid value '0x1p-3'
            a{v="7"} 0X1.8P1                | 1 | 10 | invalid value '0X1.8P1'
            a 1_000                         | 1 | 3  | invalid value '1_000'
            a{x="1} 1                       | 1 | 5  | label value has no closing quote
            a{x="1" y="2"} 1                | 1 | 9  | expected ',' or '}' after a label, found 'y'
            a{1x="1"} 1                     | 1 | 3  | expected a label name, found '1'
            a{,} 1                          | 1 | 3  | expected a label name, found ','
            a{x:y="1"} 1                    | 1 | 4  | expected '=' after label name x, found ':'
            # TYPE a gauge gauge            | 1 | 16 | expected end of line, found 'g'
            # TYPE a histogramm             | 1 | 10 | unknown metric type 'histogramm'
            # TYPE a                        | 1 | 9  | expected a blank after the metric name, found end of line
            # HELP 1a text                  | 1 | 8  | expected a metric name, found '1'
            """)
    void reportsWhereALineGoesWrong(String line, int lineNumber, int column, String message) {
        assertFailure(line.strip() + "\n", lineNumber, column, message);
    }

    @Test
    void rejectsATypeThatChangesOrComesAfterTheSamples() {
        assertFailure("# TYPE a gauge\n# TYPE a counter\n", 2, 10, "second TYPE line for a with another type");
        assertFailure("a 1\n# TYPE a gauge\n", 2, 10, "TYPE line for a after its samples");
    }

    @Test
    void rejectsABareSampleOfAHistogram() {
        assertFailure("# TYPE h histogram\nh 1\n", 2, 1, "histogram h has no sample of that name");
    }

    @Test
    void reportsOpenMetricsErrorsWithLineAndColumn() {
        ExpositionParseException noEof = failure("a 1\n", ExpositionFormat.OPENMETRICS);
        assertThat(noEof).hasMessage("line 2, column 1: missing '# EOF' at the end of the exposition");

        ExpositionParseException comment = failure("a 1\n# a comment\n# EOF\n", ExpositionFormat.OPENMETRICS);
        assertThat(comment.line()).isEqualTo(2);
        assertThat(comment).hasMessageContaining("OpenMetrics has no other comments");

        ExpositionParseException blanks = failure("a{x=\"1\", y=\"2\"} 1\n# EOF\n", ExpositionFormat.OPENMETRICS);
        assertThat(blanks).hasMessage("line 1, column 9: expected a label name, found a space");
    }

    @Test
    void rejectsInOpenMetricsWhatTextFormatToleratesSyntactically() throws Exception {
        String body = "a{x=\"1\",} 1\n";
        assertThat(ExpositionParser.parse(body, ExpositionFormat.PROMETHEUS_TEXT)
                        .sampleCount())
                .isEqualTo(1);
        assertThat(failure(body + "# EOF\n", ExpositionFormat.OPENMETRICS))
                .hasMessage("line 1, column 9: expected a label name, found '}'");
    }

    @Test
    void requiresInOpenMetricsTheSpaceBeforeAValueThatFollowsTheLabels() {
        assertThat(failure("a{foo=\"bar\"}6\n# EOF\n", ExpositionFormat.OPENMETRICS))
                .hasMessage("line 1, column 13: expected ' ' before the value, found '6'");
    }

    @Test
    void rejectsOpenMetricsTimestampsWhoseMillisecondsDoNotFitInALong() throws Exception {
        assertThat(failure("a_total 1 12345678901234567890\n# EOF\n", ExpositionFormat.OPENMETRICS))
                .hasMessage("line 1, column 11: timestamp '12345678901234567890' is out of range;"
                        + " milliseconds since 1970 must fit in 64 bits");
        assertThat(failure("a_total 1 -1e17\n# EOF\n", ExpositionFormat.OPENMETRICS))
                .hasMessageContaining("timestamp '-1e17' is out of range");
        assertThat(failure("a_total 1 # {x=\"1\"} 1 1e300\n# EOF\n", ExpositionFormat.OPENMETRICS))
                .hasMessage("line 1, column 23: timestamp '1e300' is out of range;"
                        + " milliseconds since 1970 must fit in 64 bits");
        long justInside = ExpositionParser.parse("a_total 1 9e15\n# EOF\n", ExpositionFormat.OPENMETRICS)
                .families()
                .get(0)
                .samples()
                .get(0)
                .timestampMillis();
        assertThat(justInside).isEqualTo(9_000_000_000_000_000_000L);
    }

    @Test
    void readsStringsAsUtf8() {
        String body = "é 1\n";
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(5);
        assertThat(failure(body, ExpositionFormat.PROMETHEUS_TEXT))
                .hasMessage("line 1, column 1: expected a metric name, found byte 0xc3");
    }
}
