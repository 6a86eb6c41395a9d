package io.promregator.core.scrape;

import io.promregator.core.scrape.LimitedBodySubscriber.BodyTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

/** Decompresses gzip bodies without letting a small bomb grow past the body limit. */
final class Gzip {
    private Gzip() {}

    static byte[] decompress(byte[] compressed, long limit) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), 8192)) {
            ByteArrayOutputStream out =
                    new ByteArrayOutputStream((int) Math.min(limit, Math.max(8192L, compressed.length * 4L)));
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + (long) n > limit) {
                    throw new BodyTooLargeException(limit);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }
}
