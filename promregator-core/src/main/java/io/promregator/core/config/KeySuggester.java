package io.promregator.core.config;

import io.promregator.core.config.ConfigSchema.ListNode;
import io.promregator.core.config.ConfigSchema.Node;
import io.promregator.core.config.ConfigSchema.RecordNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Says what an unknown key was probably meant to be: the nearest key at the same place (by edit distance,
 * a swap of two letters counting as one edit), else a key of that name elsewhere in the tree.
 */
final class KeySuggester {
    private static final List<String> ALL_PATHS = allPaths(ConfigSchema.ROOT, "");

    private KeySuggester() {}

    /** The message for an unknown key at {@code path}, written as {@code written} under {@code parent}. */
    static String unknownKey(String path, String written, RecordNode parent) {
        String nearest = nearest(written, parent.children().keySet());
        if (nearest != null) {
            return path + ": unknown key. Did you mean \"" + nearest + "\"?";
        }
        List<String> elsewhere = elsewhere(written);
        if (elsewhere.size() == 1) {
            return path + ": unknown key. Did you mean \"" + elsewhere.get(0) + "\"?";
        }
        if (!elsewhere.isEmpty()) {
            return path + ": unknown key. Did you mean one of \"" + String.join("\", \"", elsewhere) + "\"?";
        }
        return path + ": unknown key. Known keys here: "
                + String.join(", ", parent.children().keySet());
    }

    /** The candidate closest to {@code written}, if close enough to be a typo. */
    static String nearest(String written, Iterable<String> candidates) {
        String key = ConfigSchema.uniform(written);
        int allowed = key.length() <= 3 ? 1 : key.length() <= 8 ? 2 : 3;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(key, ConfigSchema.uniform(candidate));
            if (distance <= allowed && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static List<String> elsewhere(String written) {
        String key = ConfigSchema.uniform(written);
        List<String> found = new ArrayList<>();
        for (String path : ALL_PATHS) {
            String last = path.substring(path.lastIndexOf('.') + 1);
            if (ConfigSchema.uniform(last).equals(key) && found.size() < 3) {
                found.add(path);
            }
        }
        return found;
    }

    private static List<String> allPaths(RecordNode record, String prefix) {
        List<String> paths = new ArrayList<>();
        record.children().forEach((name, child) -> {
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            paths.add(path);
            Node inner = child instanceof ListNode list ? list.element() : child;
            if (inner instanceof RecordNode nested) {
                paths.addAll(allPaths(nested, child instanceof ListNode ? path + "[]" : path));
            }
        });
        return paths;
    }
}
