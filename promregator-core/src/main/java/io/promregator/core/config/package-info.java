/**
 * Configuration: the original Promregator's keys bound onto records, read by {@link
 * io.promregator.core.config.ConfigLoader} from YAML and the environment.
 *
 * <p>{@link io.promregator.core.config.PromregatorConfig} is the root; its record components mirror the
 * key tree ({@code config.promregator().scraping().maxProcessingTime()} is
 * {@code promregator.scraping.maxProcessingTime}). Which keys exist and of which type is read from the
 * records themselves; what values they accept is listed in {@code ConfigRules}; which keys this version
 * acts on is listed in {@code ImplementedKeys}. Every problem is reported in one {@link
 * io.promregator.core.config.ConfigurationException}, one line each, as
 * {@code <path>: <expectation>. Found: <value>}.
 */
package io.promregator.core.config;
