/**
 * Configuration: the original Promregator's keys bound onto records, read by {@link
 * io.promregator.core.config.ConfigLoader} from YAML and the environment.
 *
 * <p>{@link io.promregator.core.config.PromregatorConfig} is the root; its record components mirror the
 * key tree ({@code config.promregator().scraping().maxProcessingTime()} is
 * {@code promregator.scraping.maxProcessingTime}). Each key is declared once, on its record component:
 * its name and type by the component, its default by the record's {@code defaults()}, what values it
 * accepts and whether this version acts on it by its {@code @Key}; {@code ConfigSchema} reads them all.
 * Every problem is reported in one {@link io.promregator.core.ConfigurationException}, one line each, as
 * {@code <path>: <expectation>. Found: <value>}.
 */
package io.promregator.core.config;
