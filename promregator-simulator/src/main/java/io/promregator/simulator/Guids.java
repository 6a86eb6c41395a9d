package io.promregator.simulator;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

/** Deterministic, lowercase GUIDs derived from names, so that simulator output is the same on every run. */
final class Guids {
    private static final Pattern GUID = Pattern.compile("[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}");

    private Guids() {}

    /** A name-based (version 3) UUID of the kind and the parts, e.g. {@code of("app", org, space, app)}. */
    static String of(String kind, String... parts) {
        String key = "promregator-cf-simulator:" + kind + ":" + String.join("/", parts);
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The value, if it is a lowercase GUID as Cloud Foundry writes them. */
    static String require(String value, String what) {
        if (value == null || !GUID.matcher(value).matches()) {
            throw new IllegalArgumentException(what + ": must be a lowercase GUID. Found: " + value);
        }
        return value;
    }
}
