package io.promregator.core.exposition;

import java.util.Arrays;

/**
 * A metric or label name read from an exposition, interned per parse by {@link NameTable} so that every
 * repetition of the same bytes yields the same instance (and the same {@link String}).
 *
 * <p>Besides the name, an entry carries the 0.0.4 parser's per-parse state for that name: the family
 * declared under it, and the family its samples resolved to (cached until the next metadata line).
 */
final class Name {
    final byte[] bytes;
    final int hash;
    final String string;
    Name next;

    /** 0.0.4: the family whose HELP, TYPE or first untyped sample used exactly this name. */
    FamilyBuilder declared;
    /** 0.0.4: the family a sample of this name belongs to, valid while {@code resolvedEpoch} is current. */
    FamilyBuilder resolved;

    int resolvedEpoch = -1;

    Name(byte[] bytes, int hash, String string) {
        this.bytes = bytes;
        this.hash = hash;
        this.string = string;
    }

    boolean matches(byte[] buf, int offset, int length) {
        return bytes.length == length && Arrays.equals(bytes, 0, length, buf, offset, offset + length);
    }

    @Override
    public String toString() {
        return string;
    }
}
