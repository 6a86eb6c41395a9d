package io.promregator.core.target;

import io.promregator.core.Target;
import io.promregator.core.TargetResolver;
import java.util.ArrayList;
import java.util.List;

/** The targets of several resolvers, in resolver order (for example static targets and Cloud Foundry). */
public final class CompositeTargetResolver implements TargetResolver {
    private final List<TargetResolver> resolvers;

    public CompositeTargetResolver(List<TargetResolver> resolvers) {
        this.resolvers = List.copyOf(resolvers);
    }

    @Override
    public List<Target> resolve() {
        List<Target> targets = new ArrayList<>();
        for (TargetResolver resolver : resolvers) {
            targets.addAll(resolver.resolve());
        }
        return targets;
    }
}
