package io.promregator.core.merge;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bytes written once and read back by offset: in memory up to a limit, then in a temporary file (which
 * {@link #close()} deletes), so that the heap holds at most the limit whatever is written. Not
 * thread-safe: the caller serializes appends, and reads only after the last append.
 */
final class SpillStore implements Closeable {
    /** How many stores have a temporary file open now: 0 once every response has been let go. */
    static final AtomicInteger OPEN_FILES = new AtomicInteger();

    private final int memoryLimit;
    private byte[] memory = new byte[8 * 1024];
    private long length;
    private Path path;
    private FileChannel file;
    private boolean closed;

    /** @param memoryLimit how many bytes are kept in memory before everything moves to a file */
    SpillStore(int memoryLimit) {
        this.memoryLimit = memoryLimit;
    }

    /** Appends {@code count} bytes of {@code bytes}, returning the offset they were written at. */
    long append(byte[] bytes, int count) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        long offset = length;
        try {
            if (file == null && length + count > memoryLimit) {
                path = Files.createTempFile("promregator-metrics-", ".spill");
                file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
                OPEN_FILES.incrementAndGet();
                writeFully(ByteBuffer.wrap(memory, 0, (int) length), 0);
                memory = null;
            }
            if (file == null) {
                if (length + count > memory.length) {
                    memory = Arrays.copyOf(
                            memory, (int) Math.min(memoryLimit, Math.max(memory.length * 2L, length + count)));
                }
                System.arraycopy(bytes, 0, memory, (int) length, count);
            } else {
                writeFully(ByteBuffer.wrap(bytes, 0, count), length);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the temporary file of a /metrics response", e);
        }
        length += count;
        return offset;
    }

    /** The {@code count} bytes at {@code offset}. */
    byte[] read(long offset, int count) {
        byte[] bytes = new byte[count];
        if (file == null) {
            System.arraycopy(memory, (int) offset, bytes, 0, count);
            return bytes;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            while (buffer.hasRemaining()) {
                if (file.read(buffer, offset + buffer.position()) < 0) {
                    throw new IOException("temporary file ends early");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the temporary file of a /metrics response", e);
        }
        return bytes;
    }

    /** Whether the bytes moved to a file. */
    boolean spilled() {
        return file != null;
    }

    private void writeFully(ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            position += file.write(buffer, position);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        memory = null;
        if (file != null) {
            try {
                file.close();
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + path, e);
            } finally {
                OPEN_FILES.decrementAndGet();
            }
        }
    }
}
