package io.promregator.core.merge;

import io.promregator.core.exposition.MetricFamily;
import io.promregator.core.exposition.MetricType;

/**
 * A merged family's name and type, from the target that claimed it first, and its HELP and UNIT: the first
 * target's that has them. Shared by the in-memory and the incremental merge.
 */
class FamilyMetadata {
    final String name;
    final MetricType type;
    String help;
    String unit;

    FamilyMetadata(MetricFamily first) {
        this.name = first.name();
        this.type = first.type();
        this.help = first.help();
        this.unit = first.unit();
    }

    /** Takes a later target's HELP and UNIT where the earlier ones had none. */
    final void takeMetadata(MetricFamily family) {
        if (help.isEmpty()) {
            help = family.help();
        }
        if (unit.isEmpty()) {
            unit = family.unit();
        }
    }
}
