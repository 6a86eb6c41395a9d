package io.promregator.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Keys that the original Promregator once read and then stopped reading. A {@code promregator.yml} written
 * for an older version may still hold them, and must load unchanged: such a key is not an error, it is
 * ignored and named once, with when it went away and what took its place. To retire a key, delete its
 * record component and add it here.
 */
final class RemovedKeys {
    /** One removed key: its canonical path and what a user should know about it. */
    record Removed(String path, String note) {
        /** The line that names it: {@code <path>: <note>; ignored}. */
        String describe() {
            return path + ": " + note + "; ignored";
        }
    }

    static final List<Removed> KEYS = List.of(
            new Removed(
                    "cf.request.timeout.appSummary",
                    "removed in Promregator 1.0 with the Cloud Controller v2 space summary it timed"),
            new Removed(
                    "cf.request.timeout.app",
                    "removed in Promregator 1.0; cf.request.timeout.appInSpace took its place"),
            new Removed("cf.request.timeout.routeMapping", "obsolete since Promregator 0.5.0"),
            new Removed("cf.request.timeout.sharedDomain", "obsolete since Promregator 0.5.0"),
            new Removed(
                    "promregator.internal.preCheckAPIVersion",
                    "unused since Promregator 1.0, which speaks the Cloud Controller API v3 only"),
            new Removed(
                    "promregator.internal.checkAPIVersion3",
                    "no longer read by Promregator, which speaks the Cloud Controller API v3 only"),
            new Removed(
                    "promregator.resolver.logging.empty.target",
                    "no longer read by Promregator; /explainTargets and --explain-targets say which targets"
                            + " matched nothing"));

    private RemovedKeys() {}

    /** The removed key at {@code path}, compared as Spring compares keys (case, '-' and '_' ignored). */
    static Optional<Removed> find(String path) {
        String uniform = uniformPath(path);
        return KEYS.stream()
                .filter(removed -> uniformPath(removed.path()).equals(uniform))
                .findFirst();
    }

    /**
     * Whether every key in {@code leaves} is a removed one. A user who wrote an unknown key that is not
     * removed gets the unknown-key error for the whole subtree, as for any other typo.
     */
    static boolean allRemoved(List<String> leaves) {
        return !leaves.isEmpty() && leaves.stream().allMatch(leaf -> find(leaf).isPresent());
    }

    /** The paths of the leaves below {@code path} in {@code value}: {@code path} itself for a scalar. */
    static List<String> leaves(String path, JsonNode value) {
        List<String> found = new ArrayList<>();
        collect(path, value, found);
        return found;
    }

    private static void collect(String path, JsonNode value, List<String> found) {
        if (value != null && value.isObject() && !value.isEmpty()) {
            value.properties().forEach(field -> collect(path + "." + field.getKey(), field.getValue(), found));
        } else {
            found.add(path);
        }
    }

    private static String uniformPath(String path) {
        return String.join(
                ".", Arrays.stream(path.split("\\.")).map(ConfigSchema::uniform).toList());
    }
}
