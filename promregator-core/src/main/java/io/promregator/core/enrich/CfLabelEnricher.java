package io.promregator.core.enrich;

import io.promregator.core.LabelEnricher;
import io.promregator.core.exposition.Exposition;
import io.promregator.core.exposition.Labels;
import io.promregator.core.exposition.MetricFamily;
import io.promregator.core.exposition.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Appends a target's labels (for Cloud Foundry: {@code org_name}, {@code space_name}, {@code app_name},
 * {@code cf_instance_id}, {@code cf_instance_number}) to every sample, resolving clashes with the
 * target's own labels by a {@link LabelConflict} policy so that no sample ever carries a label name
 * twice. Exemplar labels are left alone. Stateless and thread-safe.
 */
public final class CfLabelEnricher implements LabelEnricher {
    static final String EXPORTED_PREFIX = "exported_";

    private final LabelConflict policy;

    public CfLabelEnricher(LabelConflict policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public Exposition enrich(Exposition exposition, Labels labels) {
        if (labels.isEmpty()) {
            return exposition;
        }
        List<MetricFamily> families = new ArrayList<>(exposition.families().size());
        for (MetricFamily family : exposition.families()) {
            List<Sample> samples = new ArrayList<>(family.samples().size());
            for (Sample sample : family.samples()) {
                samples.add(sample.withLabels(enrich(sample.labels(), labels)));
            }
            families.add(family.withSamples(samples));
        }
        return new Exposition(families);
    }

    /**
     * Whether this enricher's rules come down to appending {@code added} to every sample's labels, as they
     * are, in that order: when no sample has a label of such a name, whatever the policy.
     */
    public boolean appendsAsIs(Exposition exposition, Labels added) {
        Labels checked = null;
        for (MetricFamily family : exposition.families()) {
            for (Sample sample : family.samples()) {
                Labels own = sample.labels();
                if (own.hasSameNameStrings(checked)) {
                    continue;
                }
                if (clashes(own, added)) {
                    return false;
                }
                checked = own;
            }
        }
        return true;
    }

    /** One sample's labels with {@code added} appended under this enricher's policy. */
    public Labels enrich(Labels own, Labels added) {
        if (!clashes(own, added)) {
            return concat(own, added);
        }
        return switch (policy) {
            case EXPORTED -> concat(renameClashing(own, added), added);
            case OVERRIDE -> concat(withoutNames(own, added), added);
            case KEEP -> concat(own, withoutNames(added, own));
        };
    }

    private static boolean clashes(Labels own, Labels added) {
        for (int i = 0; i < added.size(); i++) {
            if (own.indexOf(added.name(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static Labels concat(Labels first, Labels second) {
        int n = first.size() + second.size();
        String[] names = new String[n];
        String[] values = new String[n];
        for (int i = 0; i < first.size(); i++) {
            names[i] = first.name(i);
            values[i] = first.value(i);
        }
        for (int i = 0; i < second.size(); i++) {
            names[first.size() + i] = second.name(i);
            values[first.size() + i] = second.value(i);
        }
        return Labels.fromArrays(names, values);
    }

    /** {@code labels} without the names that {@code names} has. */
    private static Labels withoutNames(Labels labels, Labels names) {
        List<String> kept = new ArrayList<>(labels.size() * 2);
        for (int i = 0; i < labels.size(); i++) {
            if (names.indexOf(labels.name(i)) < 0) {
                kept.add(labels.name(i));
                kept.add(labels.value(i));
            }
        }
        return Labels.of(kept.toArray(String[]::new));
    }

    /**
     * Renames each of {@code own}'s labels that {@code added} also has to {@code exported_<name>},
     * prefixing again while that name is taken too, as Prometheus does.
     */
    private static Labels renameClashing(Labels own, Labels added) {
        String[] names = new String[own.size()];
        String[] values = new String[own.size()];
        for (int i = 0; i < own.size(); i++) {
            String name = own.name(i);
            if (added.indexOf(name) >= 0) {
                do {
                    name = EXPORTED_PREFIX + name;
                } while (own.indexOf(name) >= 0 || added.indexOf(name) >= 0);
            }
            names[i] = name;
            values[i] = own.value(i);
        }
        return Labels.fromArrays(names, values);
    }
}
