package io.promregator.core.cf.discovery;

import io.promregator.core.Target;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one discovery: the instances to scrape, in a stable order (org, space, app name, app
 * guid, index), and for each configured target what it matched and dropped.
 *
 * @param error the Cloud Controller failure that stopped this discovery, if one did
 */
public record Discovery(Instant at, List<Target> targets, List<TargetDiagnosis> diagnoses, Optional<String> error) {
    public Discovery {
        Objects.requireNonNull(at, "at");
        targets = List.copyOf(targets);
        diagnoses = List.copyOf(diagnoses);
        Objects.requireNonNull(error, "error");
    }

    /** The diagnosis as text, one block per configured target. */
    public String explain() {
        StringBuilder text = new StringBuilder()
                .append("Discovery at ")
                .append(at)
                .append(": ")
                .append(targets.size())
                .append(targets.size() == 1 ? " instance" : " instances")
                .append(" to scrape\n");
        error.ifPresent(e -> text.append("Cloud Controller error: ").append(e).append('\n'));
        for (TargetDiagnosis diagnosis : diagnoses) {
            text.append("\npromregator.targets[")
                    .append(diagnosis.index())
                    .append("] ")
                    .append(diagnosis.target())
                    .append('\n');
            if (diagnosis.matched().isEmpty()) {
                text.append("  matched: nothing\n");
            }
            diagnosis
                    .matched()
                    .forEach(line -> text.append("  matched: ").append(line).append('\n'));
            diagnosis
                    .dropped()
                    .forEach(line -> text.append("  dropped: ").append(line).append('\n'));
        }
        return text.toString();
    }
}
