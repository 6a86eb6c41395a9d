package io.promregator.core.enrich;

/**
 * What the enricher does when a target's sample already has a label it is about to add
 * ({@code promregator.scraping.labelConflict}).
 */
public enum LabelConflict {
    /** The target's label is kept as {@code exported_<name>}, as Prometheus does with honor_labels false. */
    EXPORTED,
    /** The enricher's value replaces the target's; the target's value is lost. */
    OVERRIDE,
    /** The target's value stays; the enricher does not add its own for that name. */
    KEEP
}
