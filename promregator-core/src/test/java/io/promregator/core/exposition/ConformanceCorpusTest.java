package io.promregator.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.exposition.ConformanceCorpus.Case;
import io.promregator.core.exposition.ConformanceCorpus.Verdict;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our parser gives every case of the conformance corpus ({@link ConformanceCorpus}) the verdict its
 * {@code ours} column says, and that verdict is Prometheus 2.x's except where the case's note says why not.
 */
class ConformanceCorpusTest {

    static List<Case> cases() {
        return ConformanceCorpus.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parserGivesTheTablesVerdict(Case c) {
        String problem = "";
        try {
            ExpositionParser.parse(c.body(), c.format());
        } catch (ExpositionParseException e) {
            problem = e.getMessage();
        }
        Verdict ours = problem.isEmpty() ? Verdict.ACCEPT : Verdict.REFUSE;
        assertThat(ours).as("%s %s (%s)", c.id(), c.escapedBody(), problem).isEqualTo(c.ours());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void differsFromPrometheusOnlyWithANote(Case c) {
        if (c.ours() != c.prometheus()) {
            assertThat(c.note())
                    .as("%s: we differ from Prometheus, so the note must say why", c.id())
                    .isNotEmpty();
        }
    }

    @Test
    void hasUniqueIdsAndOnlyTextCasesHaveAPromtoolVerdict() {
        Set<String> ids = new HashSet<>();
        for (Case c : cases()) {
            assertThat(ids.add(c.id())).as("duplicate id %s", c.id()).isTrue();
            assertThat(c.id()).startsWith(c.format() == ExpositionFormat.OPENMETRICS ? "om-" : "text-");
            assertThat(c.promtool() == null).as(c.id()).isEqualTo(c.format() == ExpositionFormat.OPENMETRICS);
        }
        assertThat(ids).hasSizeGreaterThan(100);
    }

    @Test
    void readsEscapes() {
        assertThat(ConformanceCorpus.unescape("a{x=\"\\\\z\"}\\t1\\r\\n\\xff✓")).isEqualTo(new byte[] {
            'a',
            '{',
            'x',
            '=',
            '"',
            '\\',
            'z',
            '"',
            '}',
            '\t',
            '1',
            '\r',
            '\n',
            (byte) 0xff,
            (byte) 0xe2,
            (byte) 0x9c,
            (byte) 0x93
        });
    }
}
