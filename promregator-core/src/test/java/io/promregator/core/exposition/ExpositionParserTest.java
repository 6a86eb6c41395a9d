package io.promregator.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Prometheus text format 0.0.4: what real exporters send, read into OpenMetrics-named families. */
class ExpositionParserTest {
    private static Exposition parse(String body) throws ExpositionParseException {
        return ExpositionParser.parse(body, ExpositionFormat.PROMETHEUS_TEXT);
    }

    private static Sample sample(String name, double value, String... labels) {
        return new Sample(name, Labels.of(labels), value);
    }

    @Test
    void readsFamiliesWithHelpTypeAndSamples() throws Exception {
        Exposition exposition = parse("""
                # HELP process_open_fds Number of open file descriptors.
                # TYPE process_open_fds gauge
                process_open_fds 12
                # HELP http_requests_total Requests served.
                # TYPE http_requests_total counter
                http_requests_total{method="get",code="200"} 1027
                http_requests_total{method="post",code="500"} 3
                """);

        assertThat(exposition.families())
                .containsExactly(
                        new MetricFamily(
                                "process_open_fds",
                                MetricType.GAUGE,
                                "Number of open file descriptors.",
                                "",
                                List.of(sample("process_open_fds", 12))),
                        new MetricFamily(
                                "http_requests",
                                MetricType.COUNTER,
                                "Requests served.",
                                "",
                                List.of(
                                        sample("http_requests_total", 1027, "method", "get", "code", "200"),
                                        sample("http_requests_total", 3, "method", "post", "code", "500"))));
    }

    @Test
    void keepsACounterWithoutTotalSuffixUnderItsOwnName() throws Exception {
        Exposition exposition = parse("""
                # TYPE jobs_done counter
                jobs_done 5
                """);

        assertThat(exposition.families())
                .containsExactly(
                        new MetricFamily("jobs_done", MetricType.COUNTER, "", "", List.of(sample("jobs_done", 5))));
    }

    @Test
    void attachesTotalSamplesToACounterTypedWithoutSuffix() throws Exception {
        Exposition exposition = parse("""
                # TYPE jobs counter
                jobs_total 5
                """);

        assertThat(exposition.families())
                .containsExactly(
                        new MetricFamily("jobs", MetricType.COUNTER, "", "", List.of(sample("jobs_total", 5))));
    }

    @Test
    void keepsGoGaugeAndCounterThatShareAnOpenMetricsNameApart() throws Exception {
        Exposition exposition = parse("""
                # TYPE go_memstats_alloc_bytes gauge
                go_memstats_alloc_bytes 8.3523288e+07
                # TYPE go_memstats_alloc_bytes_total counter
                go_memstats_alloc_bytes_total 5.937322571024e+12
                """);

        assertThat(exposition.families())
                .containsExactly(
                        new MetricFamily(
                                "go_memstats_alloc_bytes",
                                MetricType.GAUGE,
                                "",
                                "",
                                List.of(sample("go_memstats_alloc_bytes", 8.3523288e+07))),
                        new MetricFamily(
                                "go_memstats_alloc_bytes",
                                MetricType.COUNTER,
                                "",
                                "",
                                List.of(sample("go_memstats_alloc_bytes_total", 5.937322571024e+12))));
    }

    @Test
    void groupsHistogramSamplesAndLeavesCreatedAsItsOwnFamily() throws Exception {
        Exposition exposition = parse("""
                # TYPE rpc_seconds histogram
                rpc_seconds_bucket{le="0.1"} 3
                rpc_seconds_bucket{le="+Inf"} 5
                rpc_seconds_sum 0.9
                rpc_seconds_count 5
                rpc_seconds_created 1.7e9
                """);

        assertThat(exposition.families())
                .containsExactly(
                        new MetricFamily(
                                "rpc_seconds",
                                MetricType.HISTOGRAM,
                                "",
                                "",
                                List.of(
                                        sample("rpc_seconds_bucket", 3, "le", "0.1"),
                                        sample("rpc_seconds_bucket", 5, "le", "+Inf"),
                                        sample("rpc_seconds_sum", 0.9),
                                        sample("rpc_seconds_count", 5))),
                        new MetricFamily(
                                "rpc_seconds_created",
                                MetricType.UNKNOWN,
                                "",
                                "",
                                List.of(sample("rpc_seconds_created", 1.7e9))));
    }

    @Test
    void keepsATypedCreatedSampleInItsTypedFamily() throws Exception {
        Exposition exposition = parse("""
                # TYPE jobs_total counter
                jobs_total 5
                # TYPE jobs_created gauge
                jobs_created 1.7e9
                """);

        assertThat(exposition.families())
                .extracting(MetricFamily::name, MetricFamily::type)
                .containsExactly(tuple("jobs", MetricType.COUNTER), tuple("jobs_created", MetricType.GAUGE));
    }

    @Test
    void groupsSummarySamples() throws Exception {
        Exposition exposition = parse("""
                # TYPE gc_seconds summary
                gc_seconds{quantile="0.5"} 0.01
                gc_seconds{quantile="1"} 0.2
                gc_seconds_sum 45
                gc_seconds_count 1900
                """);

        assertThat(exposition.families()).singleElement().satisfies(family -> {
            assertThat(family.type()).isEqualTo(MetricType.SUMMARY);
            assertThat(family.samples())
                    .extracting(Sample::name)
                    .containsExactly("gc_seconds", "gc_seconds", "gc_seconds_sum", "gc_seconds_count");
        });
    }

    @Test
    void readsUntypedAndTypelessSamplesAsUnknown() throws Exception {
        Exposition exposition = parse("""
                # TYPE legacy untyped
                legacy 1
                no_metadata_at_all{a="b"} 2
                """);

        assertThat(exposition.families())
                .containsExactly(
                        new MetricFamily("legacy", MetricType.UNKNOWN, "", "", List.of(sample("legacy", 1))),
                        new MetricFamily(
                                "no_metadata_at_all",
                                MetricType.UNKNOWN,
                                "",
                                "",
                                List.of(sample("no_metadata_at_all", 2, "a", "b"))));
    }

    @Test
    void mergesAFamilySplitIntoSeparateGroupsAtItsFirstPlace() throws Exception {
        Exposition exposition = parse("""
                # TYPE a gauge
                a{x="1"} 1
                # TYPE b gauge
                b 2
                a{x="2"} 3
                """);

        assertThat(exposition.families()).extracting(MetricFamily::name).containsExactly("a", "b");
        assertThat(exposition.families().get(0).samples())
                .containsExactly(sample("a", 1, "x", "1"), sample("a", 3, "x", "2"));
    }

    @Test
    void acceptsMetadataAnywhereBeforeTheSamples() throws Exception {
        Exposition exposition = parse("""
                # TYPE b counter
                # HELP a Gauge a.
                # TYPE a gauge
                # HELP b Counter b.
                a 1
                b 2
                """);

        assertThat(exposition.families())
                .containsExactly(
                        new MetricFamily("b", MetricType.COUNTER, "Counter b.", "", List.of(sample("b", 2))),
                        new MetricFamily("a", MetricType.GAUGE, "Gauge a.", "", List.of(sample("a", 1))));
    }

    @Test
    void keepsTheFirstOfRepeatedHelpLinesAndToleratesARepeatedType() throws Exception {
        Exposition exposition = parse("""
                # HELP a First.
                # TYPE a gauge
                # HELP a Second.
                # TYPE a gauge
                a 1
                # HELP a Third, after the samples.
                """);

        assertThat(exposition.families()).singleElement().satisfies(family -> {
            assertThat(family.help()).isEqualTo("First.");
            assertThat(family.type()).isEqualTo(MetricType.GAUGE);
        });
    }

    @Test
    void setsHelpThatComesAfterTheSamples() throws Exception {
        Exposition exposition = parse("""
                a 1
                # HELP a Late help.
                """);

        assertThat(exposition.families().get(0).help()).isEqualTo("Late help.");
    }

    @Test
    void keepsAFamilyThatHasMetadataButNoSamples() throws Exception {
        Exposition exposition = parse("""
                # HELP idle Nothing observed yet.
                # TYPE idle counter
                """);

        assertThat(exposition.families())
                .containsExactly(new MetricFamily("idle", MetricType.COUNTER, "Nothing observed yet.", "", List.of()));
    }

    @Test
    void unescapesHelpBackslashAndNewlineOnly() throws Exception {
        Exposition exposition = parse("""
                # HELP a Line one\\nline two, a backslash \\\\, a quote \\" and \\t as written.
                a 1
                """);

        assertThat(exposition.families().get(0).help())
                .isEqualTo("Line one\nline two, a backslash \\, a quote \\\" and \\t as written.");
    }

    @Test
    void unescapesLabelValues() throws Exception {
        Exposition exposition = parse("""
                a{path="C:\\\\dir",quote="say \\"hi\\"",lines="one\\ntwo",other="\\z"} 1
                """);

        Labels labels = exposition.families().get(0).samples().get(0).labels();
        assertThat(labels)
                .isEqualTo(Labels.of("path", "C:\\dir", "quote", "say \"hi\"", "lines", "one\ntwo", "other", "\\z"));
    }

    @Test
    void readsUtf8InLabelValuesAndHelp() throws Exception {
        Exposition exposition = parse("""
                # HELP temperature Température in °C ☃.
                temperature{city="Zürich"} 21.5
                """);

        MetricFamily family = exposition.families().get(0);
        assertThat(family.help()).isEqualTo("Température in °C ☃.");
        assertThat(family.samples().get(0).labels().get("city")).isEqualTo("Zürich");
    }

    @Test
    void readsSpecialValuesCaseInsensitivelyLikeGo() throws Exception {
        Exposition exposition = parse("""
                a{v="1"} NaN
                a{v="2"} Nan
                a{v="3"} +Inf
                a{v="4"} -Inf
                a{v="5"} inf
                a{v="6"} -infinity
                a{v="7"} 1E-3
                a{v="8"} 1e3
                a{v="9"} -0.5
                """);

        assertThat(exposition.families().get(0).samples())
                .extracting(Sample::value)
                .containsExactly(
                        Double.NaN,
                        Double.NaN,
                        Double.POSITIVE_INFINITY,
                        Double.NEGATIVE_INFINITY,
                        Double.POSITIVE_INFINITY,
                        Double.NEGATIVE_INFINITY,
                        0.001,
                        1000.0,
                        -0.5);
    }

    @Test
    void readsIntegerMillisecondTimestamps() throws Exception {
        Exposition exposition = parse("""
                a{v="1"} 1 1700000000123
                a{v="2"} 2 -5
                a{v="3"} 3
                """);

        assertThat(exposition.families().get(0).samples())
                .extracting(Sample::timestampMillis)
                .containsExactly(1700000000123L, -5L, Sample.NO_TIMESTAMP);
    }

    @Test
    void toleratesBlanksCommentsBlankLinesAndATrailingComma() throws Exception {
        Exposition exposition = parse("# just a comment\n\n   \n"
                + "\t# HELP \t a \t Help with  inner blanks.\n"
                + "#  TYPE  a  gauge  \n"
                + "  a { x = \"1\" , y=\"2\", } \t 7 \t 123 \t\n"
                + "b{} 1\n");

        assertThat(exposition.families())
                .containsExactly(
                        new MetricFamily(
                                "a",
                                MetricType.GAUGE,
                                "Help with  inner blanks.",
                                "",
                                List.of(new Sample("a", Labels.of("x", "1", "y", "2"), 7, 123, Optional.empty()))),
                        new MetricFamily("b", MetricType.UNKNOWN, "", "", List.of(sample("b", 1))));
    }

    @Test
    void readsAValueRightAfterTheClosingBraceAsPrometheusDoes() throws Exception {
        Exposition exposition = parse("""
                a{foo="bar"}6
                a{foo="baz"}7 1000
                """);

        assertThat(exposition.families().get(0).samples())
                .containsExactly(
                        sample("a", 6, "foo", "bar"),
                        new Sample("a", Labels.of("foo", "baz"), 7, 1000, Optional.empty()));
    }

    @Test
    void readsABareHelpOrTypeLineAsAComment() throws Exception {
        Exposition exposition = parse("# HELP\n#TYPE\r\n# HELP \t\n# HELPER text\na 1\n");

        assertThat(exposition.families())
                .containsExactly(new MetricFamily("a", MetricType.UNKNOWN, "", "", List.of(sample("a", 1))));
    }

    @Test
    void readsCrlfLineEndsAndALastLineWithoutNewline() throws Exception {
        Exposition exposition = parse("# HELP a Help.\r\n# TYPE a gauge\r\na{x=\"1\"} 1\r\na{x=\"2\"} 2");

        assertThat(exposition.families())
                .containsExactly(new MetricFamily(
                        "a",
                        MetricType.GAUGE,
                        "Help.",
                        "",
                        List.of(sample("a", 1, "x", "1"), sample("a", 2, "x", "2"))));
    }

    @Test
    void readsAnEmptyBodyAsNoFamilies() throws Exception {
        assertThat(parse("")).isEqualTo(Exposition.EMPTY);
        assertThat(parse("\n# only a comment\n")).isEqualTo(Exposition.EMPTY);
    }

    @Test
    void parsesBytesAndStringsAlike() throws Exception {
        String body = "# TYPE a gauge\na{city=\"Zürich\"} 1\n";

        assertThat(ExpositionParser.parse(body.getBytes(StandardCharsets.UTF_8), ExpositionFormat.PROMETHEUS_TEXT))
                .isEqualTo(parse(body));
    }

    @Test
    void readsManyLabelsAndLongEscapedValues() throws Exception {
        String escaped = "say \\\"hi\\\" ".repeat(50); // say \"hi\" ...
        String unescaped = "say \"hi\" ".repeat(50);
        StringBuilder body = new StringBuilder("a{");
        String[] expected = new String[2 * 40];
        for (int i = 0; i < 40; i++) {
            body.append("l").append(i).append("=\"").append(escaped).append(i).append("\",");
            expected[2 * i] = "l" + i;
            expected[2 * i + 1] = unescaped + i;
        }
        body.append("} 1\n");

        Labels labels =
                parse(body.toString()).families().get(0).samples().get(0).labels();

        assertThat(labels).isEqualTo(Labels.of(expected));
        assertThat(labels.value(39)).hasSize(9 * 50 + 2);
    }
}
