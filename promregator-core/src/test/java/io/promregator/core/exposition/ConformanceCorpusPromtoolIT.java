package io.promregator.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.exposition.ConformanceCorpus.Case;
import io.promregator.core.exposition.ConformanceCorpus.Verdict;
import io.promregator.core.testing.Promtool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Keeps the {@code promtool} column of the conformance corpus honest: every 0.0.4 case goes through the
 * real {@code promtool check metrics}, which must give the table's verdict (a parse error is a refusal;
 * lint findings are not). And where we accept a 0.0.4 case, promtool reads our 0.0.4 output of it.
 */
class ConformanceCorpusPromtoolIT {

    @Test
    void promtoolGivesTheTablesVerdictAndReadsOurOutputOfEveryAcceptedCase() throws Exception {
        List<Case> cases = ConformanceCorpus.cases().stream()
                .filter(c -> c.format() == ExpositionFormat.PROMETHEUS_TEXT)
                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Promtool.Result>> onBody = new ArrayList<>();
            List<Future<Promtool.Result>> onOutput = new ArrayList<>();
            for (Case c : cases) {
                onBody.add(pool.submit(() -> Promtool.checkMetrics(c.body())));
                String output = c.ours() == Verdict.ACCEPT
                        ? ExpositionWriter.toString(
                                ExpositionParser.parse(c.body(), c.format()).families(),
                                ExpositionFormat.PROMETHEUS_TEXT)
                        : null;
                onOutput.add(output == null ? null : pool.submit(() -> Promtool.checkMetrics(output)));
            }
            List<String> wrong = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                Promtool.Result body = onBody.get(i).get();
                Verdict promtool =
                        body.parseErrors().isEmpty() && body.exitCode() != 1 ? Verdict.ACCEPT : Verdict.REFUSE;
                if (promtool != c.promtool()) {
                    wrong.add(c.id() + ": promtool says " + promtool + " ("
                            + body.output().strip() + ")");
                }
                if (onOutput.get(i) != null
                        && !onOutput.get(i).get().parseErrors().isEmpty()) {
                    wrong.add(c.id() + ": promtool refuses our output: "
                            + onOutput.get(i).get().output().strip());
                }
            }
            assertThat(wrong).isEmpty();
            assertThat(cases).hasSizeGreaterThan(50);
        } finally {
            pool.shutdownNow();
        }
    }
}
