package io.promregator.core.exposition;

import java.nio.charset.StandardCharsets;

/** Bytes as a Java-like string literal for failure messages: printable ASCII as is, the rest escaped. */
final class Escaping {
    private Escaping() {}

    static String escape(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length + 16).append('"');
        for (byte b : bytes) {
            switch (b) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (b >= ' ' && b < 0x7f) {
                        sb.append((char) b);
                    } else {
                        sb.append(String.format("\\x%02x", b & 0xff));
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    static String escape(String text) {
        return escape(text.getBytes(StandardCharsets.UTF_8));
    }
}
