package io.promregator.core.cf;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A Cloud Controller or UAA request that failed for good (after retries): its HTTP status (0 when no
 * response came), the errors the body listed, and a message that names them.
 */
public final class CloudControllerException extends RuntimeException {
    private final int status;
    private final List<CfError> errors;

    public CloudControllerException(String request, int status, List<CfError> errors, String message, Throwable cause) {
        super(request + ": " + message + describe(errors), cause);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public CloudControllerException(String request, int status, List<CfError> errors, String message) {
        this(request, status, errors, message, null);
    }

    private CloudControllerException(String fullMessage, int status, List<CfError> errors, Throwable cause) {
        super(fullMessage, cause);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    /** The same failure, its message followed by {@code note} (e.g. when it will be tried again). */
    public CloudControllerException withNote(String note) {
        return new CloudControllerException(getMessage() + note, status, errors, getCause());
    }

    private static String describe(List<CfError> errors) {
        if (errors.isEmpty()) {
            return "";
        }
        return errors.stream()
                .map(e -> e.title() + " (" + e.code() + "): " + e.detail())
                .collect(Collectors.joining("; ", " [", "]"));
    }

    public int status() {
        return status;
    }

    public List<CfError> errors() {
        return errors;
    }

    /** Whether the errors include this title, e.g. {@code CF-NotAuthorized}. */
    public boolean hasError(String title) {
        return errors.stream().anyMatch(e -> e.title().equals(title));
    }
}
