package io.promregator.core.target;

import io.promregator.core.Target;
import io.promregator.core.TargetResolver;
import io.promregator.core.exposition.Labels;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fixed list of targets, given by URL with the labels their samples should carry. Serves endpoints
 * outside Cloud Foundry, embedding applications, and tests. Thread-safe (immutable).
 */
public final class StaticTargetResolver implements TargetResolver {
    private final List<Target> targets;

    /**
     * @throws IllegalArgumentException if two targets share an id or have equal labels, since their
     *     series would then be indistinguishable once merged
     */
    public StaticTargetResolver(List<Target> targets) {
        Map<String, Integer> ids = new HashMap<>();
        Map<Labels, Integer> labels = new HashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            Integer earlier = ids.putIfAbsent(target.id(), i);
            if (earlier != null) {
                throw new IllegalArgumentException(
                        "targets " + earlier + " and " + i + " have the same id: " + target.id());
            }
            earlier = labels.putIfAbsent(target.labels(), i);
            if (earlier != null) {
                throw new IllegalArgumentException("targets " + earlier + " and " + i + " have the same labels "
                        + target.labels() + ": give each target labels that tell it apart");
            }
        }
        this.targets = List.copyOf(targets);
    }

    @Override
    public List<Target> resolve() {
        return targets;
    }
}
