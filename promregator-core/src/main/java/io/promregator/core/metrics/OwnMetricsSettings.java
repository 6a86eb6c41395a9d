package io.promregator.core.metrics;

import io.promregator.core.config.PromregatorConfig;
import io.promregator.core.config.PromregatorSettings;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * What {@link OwnMetrics} records.
 *
 * @param requestLatency whether a latency histogram per target is recorded (high cardinality;
 *     {@code promregator.metrics.requestLatency})
 * @param internal whether Cloud Controller request latency and cache statistics are exposed
 *     ({@code promregator.metrics.internal})
 * @param labelNamePrefix put before the label names {@code org_name}, {@code space_name}, {@code app_name},
 *     {@code cf_instance_id} and {@code cf_instance_number} of the per-target series; empty for none
 *     ({@code promregator.metrics.labelNamePrefix})
 * @param targetTimeout a target's series are removed once it has not been scraped for this long
 *     ({@code promregator.discoverer.timeout})
 * @param identity this instance, for {@code promregator_instance_info}
 * @param nanoTime the clock that ages the per-target series, {@code System::nanoTime} outside tests
 */
public record OwnMetricsSettings(
        boolean requestLatency,
        boolean internal,
        String labelNamePrefix,
        Duration targetTimeout,
        InstanceIdentity identity,
        LongSupplier nanoTime) {
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    public static final Duration DEFAULT_TARGET_TIMEOUT = Duration.ofSeconds(600);

    public OwnMetricsSettings {
        labelNamePrefix = Objects.requireNonNullElse(labelNamePrefix, "");
        if (!labelNamePrefix.isEmpty()
                && !(LABEL_NAME.matcher(labelNamePrefix).matches() && !labelNamePrefix.startsWith("__"))) {
            throw new IllegalArgumentException(
                    "labelNamePrefix must start a valid label name ([a-zA-Z_][a-zA-Z0-9_]*, not __). Found: "
                            + labelNamePrefix);
        }
        Objects.requireNonNull(targetTimeout, "targetTimeout");
        if (targetTimeout.isNegative() || targetTimeout.isZero()) {
            throw new IllegalArgumentException("targetTimeout must be positive. Found: " + targetTimeout);
        }
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** Nothing optional, no prefix, 600 s, this process with a new instance id. */
    public static OwnMetricsSettings defaults() {
        return new OwnMetricsSettings(
                false,
                false,
                "",
                DEFAULT_TARGET_TIMEOUT,
                InstanceIdentity.detect(UUID.randomUUID().toString()),
                System::nanoTime);
    }

    /** {@code promregator.metrics.*} and {@code promregator.discoverer.timeout} of a configuration. */
    public static OwnMetricsSettings fromConfig(PromregatorConfig config, InstanceIdentity identity) {
        PromregatorSettings promregator = config.promregator();
        return new OwnMetricsSettings(
                promregator.metrics().requestLatency(),
                promregator.metrics().internal(),
                promregator.metrics().labelNamePrefix(),
                Duration.ofSeconds(promregator.discoverer().timeout()),
                identity,
                System::nanoTime);
    }

    public OwnMetricsSettings withRequestLatency(boolean value) {
        return new OwnMetricsSettings(value, internal, labelNamePrefix, targetTimeout, identity, nanoTime);
    }

    public OwnMetricsSettings withInternal(boolean value) {
        return new OwnMetricsSettings(requestLatency, value, labelNamePrefix, targetTimeout, identity, nanoTime);
    }

    public OwnMetricsSettings withLabelNamePrefix(String value) {
        return new OwnMetricsSettings(requestLatency, internal, value, targetTimeout, identity, nanoTime);
    }

    public OwnMetricsSettings withTargetTimeout(Duration value) {
        return new OwnMetricsSettings(requestLatency, internal, labelNamePrefix, value, identity, nanoTime);
    }

    public OwnMetricsSettings withIdentity(InstanceIdentity value) {
        return new OwnMetricsSettings(requestLatency, internal, labelNamePrefix, targetTimeout, value, nanoTime);
    }

    public OwnMetricsSettings withNanoTime(LongSupplier value) {
        return new OwnMetricsSettings(requestLatency, internal, labelNamePrefix, targetTimeout, identity, value);
    }
}
