package io.promregator.core.scrape;

import io.promregator.core.Target;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Targets by id, for resolvers that hand out the same list until their targets change (as the caching
 * Cloud Foundry resolver and static targets do): a list seen a second time is indexed once, and looking up
 * in it no longer scans it. A list seen for the first time is scanned, so a resolver that builds a new
 * list on every call costs what it did. Thread-safe.
 */
final class TargetIndex {
    private record Indexed(List<Target> targets, Map<String, Target> byId) {}

    private volatile Indexed indexed = new Indexed(List.of(), Map.of());
    private volatile List<Target> lastSeen = List.of();

    /** The first target with this id in {@code targets}. */
    Optional<Target> lookUp(List<Target> targets, String id) {
        Indexed current = indexed;
        if (current.targets() == targets) {
            return Optional.ofNullable(current.byId().get(id));
        }
        if (lastSeen == targets) {
            Indexed fresh = new Indexed(targets, byId(targets));
            indexed = fresh;
            return Optional.ofNullable(fresh.byId().get(id));
        }
        lastSeen = targets;
        for (Target target : targets) {
            if (target.id().equals(id)) {
                return Optional.of(target);
            }
        }
        return Optional.empty();
    }

    private static Map<String, Target> byId(List<Target> targets) {
        Map<String, Target> byId = new HashMap<>(targets.size() * 2);
        for (Target target : targets) {
            byId.putIfAbsent(target.id(), target);
        }
        return byId;
    }
}
