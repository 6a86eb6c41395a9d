package io.promregator.core.tls;

/**
 * PEM text or a key store does not hold what was asked for. Says what was expected and what was found
 * (block labels, never key material), so that configuration errors can read
 * {@code <path>: must be <expected>. Found: <found>}.
 */
public final class PemException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String expected;
    private final String found;

    public PemException(String expected, String found) {
        super("expected " + expected + ", found " + found);
        this.expected = expected;
        this.found = found;
    }

    public PemException(String expected, String found, Throwable cause) {
        this(expected, found);
        initCause(cause);
    }

    /** What was asked for, e.g. {@code PEM text with one or more CERTIFICATE blocks}. */
    public String expected() {
        return expected;
    }

    /** What was there instead, e.g. {@code an ENCRYPTED PRIVATE KEY}. */
    public String found() {
        return found;
    }
}
