package io.promregator.core.exposition;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A hash table of the names in one exposition, keyed on their bytes: the parser looks names up without
 * first making a {@link String}. Names are ASCII, so the hash equals {@link String#hashCode()}.
 */
final class NameTable {
    private Name[] slots = new Name[256];
    private int size;

    /** The hash the table expects for a byte range: {@code h = 31 * h + b} over its bytes. */
    static int hash(byte[] buf, int offset, int length) {
        int h = 0;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + (buf[i] & 0xff);
        }
        return h;
    }

    /** The entry for these bytes, created on first sight; {@code hash} must be {@link #hash} of them. */
    Name intern(byte[] buf, int offset, int length, int hash) {
        int index = spread(hash) & (slots.length - 1);
        for (Name n = slots[index]; n != null; n = n.next) {
            if (n.hash == hash && n.matches(buf, offset, length)) {
                return n;
            }
        }
        byte[] bytes = Arrays.copyOfRange(buf, offset, offset + length);
        Name name = new Name(bytes, hash, new String(bytes, StandardCharsets.ISO_8859_1));
        name.next = slots[index];
        slots[index] = name;
        if (++size > slots.length - (slots.length >> 2)) {
            grow();
        }
        return name;
    }

    /** The entry for these bytes if one was interned, else null. */
    Name find(byte[] buf, int offset, int length) {
        int hash = hash(buf, offset, length);
        for (Name n = slots[spread(hash) & (slots.length - 1)]; n != null; n = n.next) {
            if (n.hash == hash && n.matches(buf, offset, length)) {
                return n;
            }
        }
        return null;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    private void grow() {
        Name[] old = slots;
        slots = new Name[old.length * 2];
        for (Name head : old) {
            for (Name n = head; n != null; ) {
                Name following = n.next;
                int index = spread(n.hash) & (slots.length - 1);
                n.next = slots[index];
                slots[index] = n;
                n = following;
            }
        }
    }
}
