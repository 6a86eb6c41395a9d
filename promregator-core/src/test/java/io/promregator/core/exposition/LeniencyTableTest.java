package io.promregator.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.exposition.ConformanceCorpus.Case;
import io.promregator.core.exposition.ConformanceCorpus.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The leniency table of docs/labels-and-formats.md ("Where Promregator and Prometheus 2.x differ") is true of the conformance
 * corpus: each row names corpus cases, and its Prometheus and Promregator columns give their verdicts
 * ({@code accepts}, {@code refuses}, {@code a comment} or {@code keeps}, which accept, or
 * {@code 0.0.4: ...; OpenMetrics: ...}, or {@code the same}). Every case where we differ from Prometheus is
 * in some row.
 */
class LeniencyTableTest {
    private static final Pattern CASE = Pattern.compile("`((?:text|om)-[a-z0-9-]+)`");

    record Row(String line, List<String> cases, String prometheus, String ours) {}

    static List<Row> rows() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("..", "docs", "labels-and-formats.md"), StandardCharsets.UTF_8);
        int header = lines.indexOf("| Input | Cases | Prometheus 2.x | Promregator |");
        assertThat(header)
                .as("the leniency table of docs/labels-and-formats.md")
                .isNotNegative();
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.split(" \\| ", -1);
            assertThat(cells).as(line).hasSize(4);
            List<String> cases = new ArrayList<>();
            Matcher m = CASE.matcher(cells[1]);
            while (m.find()) {
                cases.add(m.group(1));
            }
            rows.add(new Row(
                    line,
                    cases,
                    cells[2].strip(),
                    cells[3].replaceAll("\\|$", "").strip()));
        }
        return rows;
    }

    @Test
    void everyRowIsTrueOfTheCorpus() throws Exception {
        Map<String, Case> corpus =
                ConformanceCorpus.cases().stream().collect(Collectors.toMap(Case::id, Function.identity()));
        List<Row> rows = rows();
        assertThat(rows).hasSizeGreaterThan(10);
        for (Row row : rows) {
            assertThat(row.cases()).as("cases of %s", row.line()).isNotEmpty();
            for (String id : row.cases()) {
                Case c = corpus.get(id);
                assertThat(c).as("%s in the corpus", id).isNotNull();
                Verdict prometheus = verdict(row.prometheus(), c.format(), null);
                assertThat(prometheus)
                        .as("Prometheus' verdict on %s in %s", id, row.line())
                        .isEqualTo(c.prometheus());
                assertThat(verdict(row.ours(), c.format(), prometheus))
                        .as("our verdict on %s in %s", id, row.line())
                        .isEqualTo(c.ours());
            }
        }
    }

    @Test
    void everyDifferenceFromPrometheusIsInTheTable() throws Exception {
        Set<String> listed = new HashSet<>();
        rows().forEach(row -> listed.addAll(row.cases()));
        List<String> missing = ConformanceCorpus.cases().stream()
                .filter(c -> c.ours() != c.prometheus())
                .map(Case::id)
                .filter(id -> !listed.contains(id))
                .toList();
        assertThat(missing).isEmpty();
    }

    private static Verdict verdict(String cell, ExpositionFormat format, Verdict same) {
        String text = cell;
        if (text.startsWith("the same")) {
            return same;
        }
        String prefix = format == ExpositionFormat.OPENMETRICS ? "OpenMetrics: " : "0.0.4: ";
        int at = text.indexOf(prefix);
        if (at >= 0) {
            text = text.substring(at + prefix.length());
        }
        if (text.startsWith("accepts") || text.startsWith("a comment") || text.startsWith("keeps")) {
            return Verdict.ACCEPT;
        }
        if (text.startsWith("refuses")) {
            return Verdict.REFUSE;
        }
        throw new AssertionError("a leniency table cell must start with a verdict: " + cell);
    }
}
