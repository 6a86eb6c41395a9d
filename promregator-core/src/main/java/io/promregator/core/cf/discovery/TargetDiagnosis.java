package io.promregator.core.cf.discovery;

import java.util.List;
import java.util.Objects;

/**
 * What one configured target ({@code promregator.targets[i]}) found, and why each candidate it did
 * not keep was dropped: the answer to "why is my app not discovered?".
 *
 * @param target how the configuration describes it, e.g. {@code orgName "shop", any space, applicationRegex "api-.*"}
 * @param matched one line per application kept, with its instance count and URL
 * @param dropped one line per candidate dropped or step that found nothing, with the reason
 * @param instanceIds the ids ({@code <appGuid>:<index>}) of the instances it discovered, in discovery order
 */
public record TargetDiagnosis(
        int index, String target, List<String> matched, List<String> dropped, List<String> instanceIds) {
    public TargetDiagnosis {
        Objects.requireNonNull(target, "target");
        matched = List.copyOf(matched);
        dropped = List.copyOf(dropped);
        instanceIds = List.copyOf(instanceIds);
    }
}
