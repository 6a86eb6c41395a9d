package io.promregator.core.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads files named as Spring Boot names them: a plain path, {@code file:path}, {@code file:///path}, or
 * {@code classpath:name}. Thread-safe (stateless).
 */
public final class Locations {
    private static final String CLASSPATH = "classpath:";
    private static final String FILE = "file:";

    private Locations() {}

    /**
     * The bytes at {@code location}.
     *
     * @throws UncheckedIOException naming the location and why it cannot be read
     */
    public static byte[] read(String location) {
        try {
            if (location.startsWith(CLASSPATH)) {
                String name = location.substring(CLASSPATH.length()).replaceFirst("^/+", "");
                ClassLoader loader = Thread.currentThread().getContextClassLoader();
                try (InputStream in =
                        (loader == null ? Locations.class.getClassLoader() : loader).getResourceAsStream(name)) {
                    if (in == null) {
                        throw new NoSuchFileException(location);
                    }
                    return in.readAllBytes();
                }
            }
            return Files.readAllBytes(path(location));
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("no such file: " + location, e);
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException(
                    "cannot read " + location + ": " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage()),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    /** The text at {@code location}, as UTF-8. */
    public static String readText(String location) {
        return new String(read(location), StandardCharsets.UTF_8);
    }

    private static Path path(String location) {
        if (location.startsWith("file://")) {
            return Path.of(URI.create(location));
        }
        return Path.of(location.startsWith(FILE) ? location.substring(FILE.length()) : location);
    }
}
