package io.promregator.core.cf;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.Promregator;
import io.promregator.simulator.CfSimulator;
import io.promregator.simulator.Foundation;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The own-metrics table of {@code docs/labels-and-formats.md} against what {@code /promregatorMetrics}
 * really serves, with every optional family switched on: each family has exactly one row, and the table
 * names no family that is not served. A row names its families in its first cell: full names, and
 * {@code _rest} for the previous full name with its last segments replaced.
 */
class OwnMetricsReferenceTest {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) ", Pattern.MULTILINE);

    @Test
    void everyServedFamilyHasExactlyOneRowAndEveryRowIsServed() throws Exception {
        Set<String> served = new TreeSet<>();
        try (CfSimulator simulator = CfSimulator.builder()
                        .user("promregator", "secret")
                        .foundation(Foundation.demo())
                        .start();
                Promregator promregator = CfOwnMetricsTest.start(simulator)) {
            HttpClient client = HttpClient.newHttpClient();
            CfOwnMetricsTest.get(client, promregator, "/metrics");
            Matcher type = TYPE.matcher(CfOwnMetricsTest.get(client, promregator, "/promregatorMetrics"));
            while (type.find()) {
                // simpleclient writes each counter's and histogram's creation time as a family of its own
                if (!type.group(1).endsWith("_created")) {
                    served.add(withoutTotal(type.group(1)));
                }
            }
        }
        assertThat(served).contains("promregator_request_size_bytes", "promregator_jvm_threads_current");

        Map<String, Integer> rowsPerFamily = new TreeMap<>();
        List<String> notServed = new ArrayList<>();
        for (List<String> row : rows()) {
            String full = null;
            for (String written : row) {
                String family = resolve(written, full, served);
                if (!written.startsWith("_")) {
                    full = written;
                }
                if (family == null) {
                    notServed.add(written);
                } else {
                    rowsPerFamily.merge(family, 1, Integer::sum);
                }
            }
        }
        assertThat(notServed)
                .as("names in the table that /promregatorMetrics does not serve")
                .isEmpty();
        assertThat(served)
                .as("families without a row")
                .allSatisfy(family -> assertThat(rowsPerFamily).containsKey(family));
        assertThat(rowsPerFamily)
                .as("families named twice")
                .allSatisfy((family, rows) -> assertThat(rows).isOne());
    }

    /** The first cells of the table's rows, each as its names in order (label sets left out). */
    private static List<List<String>> rows() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "labels-and-formats.md"));
        int table = doc.indexOf("| Name | Type | Meaning |");
        assertThat(table).as("the own-metrics table").isNotNegative();
        List<List<String>> rows = new ArrayList<>();
        for (String line : doc.substring(table).split("\n")) {
            if (!line.startsWith("|")) {
                break;
            }
            if (line.startsWith("| `")) {
                List<String> names = new ArrayList<>();
                Matcher code = CODE.matcher(line.substring(1, line.indexOf(" |", 1)));
                while (code.find()) {
                    String name = code.group(1)
                            .replaceAll("\\{.*", "")
                            .replaceAll(" 1$", "")
                            .strip();
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
                rows.add(names);
            }
        }
        return rows;
    }

    /**
     * The served family a written name means: itself, or for {@code _rest} the previous full name of the row
     * with one, two or three of its last segments replaced by it, whichever is served. Null when none is.
     */
    private static String resolve(String written, String full, Set<String> served) {
        if (!written.startsWith("_")) {
            String family = withoutTotal(written);
            return served.contains(family) ? family : null;
        }
        for (int strip = 1; full != null && strip <= 3; strip++) {
            int cut = full.length();
            for (int i = 0; i < strip && cut > 0; i++) {
                cut = full.lastIndexOf('_', cut - 1);
            }
            if (cut > 0) {
                String family = withoutTotal(full.substring(0, cut) + written);
                if (served.contains(family)) {
                    return family;
                }
            }
        }
        return null;
    }

    private static String withoutTotal(String name) {
        return name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
    }
}
