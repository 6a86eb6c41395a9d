package io.promregator.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.config.ConfigSchema.ListNode;
import io.promregator.core.config.ConfigSchema.MapNode;
import io.promregator.core.config.ConfigSchema.Node;
import io.promregator.core.config.ConfigSchema.RecordNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reference table of {@code docs/configuration.md} against the keys the records declare: every key
 * this version acts on has its row, no key has two, the table names no key that does not exist and none
 * that has no effect. A row names its keys in its first cell: full paths, {@code .rest} relative to the
 * previous path's parent, {@code ...suffix} for that key wherever it occurs; a section or list of records
 * ({@code promregator.targets[]}) covers every key below it that has no row of its own.
 */
class ConfigurationReferenceTest {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /** Each key of the schema, with lists written {@code []} and maps {@code .*}, and whether it acts. */
    private static final Map<String, Boolean> KEYS = new LinkedHashMap<>();

    private static List<List<String>> rows;

    @BeforeAll
    static void read() throws IOException {
        collect(ConfigSchema.ROOT, "");
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
        int table = doc.indexOf("| Key | Default | Meaning |");
        assertThat(table).as("the reference table").isNotNegative();
        rows = new ArrayList<>();
        for (String line : doc.substring(table).split("\n")) {
            if (!line.startsWith("|")) {
                break;
            }
            if (line.startsWith("| `") || line.startsWith("| ...")) {
                rows.add(keysOf(line.substring(1, line.indexOf(" |", 1))));
            }
        }
    }

    @Test
    void everyKeyThatActsHasARow() {
        List<String> missing = new ArrayList<>();
        KEYS.forEach((key, implemented) -> {
            if (implemented && rows.stream().noneMatch(row -> covers(row, key))) {
                missing.add(key);
            }
        });
        assertThat(missing).as("keys without a row in docs/configuration.md").isEmpty();
    }

    @Test
    void noKeyHasTwoRows() {
        List<String> twice = new ArrayList<>();
        for (String key : KEYS.keySet()) {
            long named = rows.stream().filter(row -> row.contains(key)).count();
            if (named > 1) {
                twice.add(key);
            }
        }
        assertThat(twice).as("keys named in two rows").isEmpty();
    }

    @Test
    void theTableNamesOnlyKeysThatExistAndAct() {
        TreeSet<String> unknown = new TreeSet<>();
        TreeSet<String> noEffect = new TreeSet<>();
        for (List<String> row : rows) {
            for (String named : row) {
                List<String> covered =
                        KEYS.keySet().stream().filter(key -> covers(named, key)).toList();
                if (covered.isEmpty()) {
                    unknown.add(named);
                } else if (covered.stream().noneMatch(KEYS::get)) {
                    noEffect.add(named);
                }
            }
        }
        assertThat(unknown).as("names in the table that are no key").isEmpty();
        assertThat(noEffect).as("keys in the table that have no effect").isEmpty();
    }

    @Test
    void aKeyDeclaredWithoutEffectHasNoRow() {
        assertThat(KEYS).containsEntry("cf.watchdog.enabled", false).containsEntry("server.ssl.client-auth", false);
        assertThat(rows.stream().flatMap(List::stream)).doesNotContain("cf.watchdog.enabled", "server.ssl.client-auth");
    }

    /** The keys a row's first cell names, each made a full path (or {@code ...suffix}). */
    private static List<String> keysOf(String cell) {
        List<String> keys = new ArrayList<>();
        String base = "";
        Matcher code = CODE.matcher(cell);
        while (code.find()) {
            String name = code.group(1).replace("<logger>", "*");
            if (name.startsWith(".") && !name.startsWith("...")) {
                keys.add(base + name);
            } else {
                keys.add(name);
                base = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
            }
        }
        if (keys.isEmpty() && cell.trim().startsWith("...")) {
            keys.add(cell.trim());
        }
        return keys;
    }

    private static boolean covers(List<String> row, String key) {
        return row.stream().anyMatch(named -> covers(named, key));
    }

    private static boolean covers(String named, String key) {
        if (named.startsWith("...")) {
            return key.endsWith(named.substring(3));
        }
        return key.equals(named) || key.startsWith(named + ".");
    }

    private static void collect(Node node, String path) {
        if (node instanceof RecordNode record) {
            record.children().forEach((name, child) -> collect(child, path.isEmpty() ? name : path + "." + name));
        } else if (node instanceof ListNode list && list.element() instanceof RecordNode) {
            collect(list.element(), path + "[]");
        } else if (node instanceof MapNode) {
            KEYS.put(path + ".*", node.implemented());
        } else {
            KEYS.put(path, node.implemented());
        }
    }
}
