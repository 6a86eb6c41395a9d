package io.promregator.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class GzipStreamTest {
    private static byte[] gunzip(byte[] gzip) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] body, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gzip = new GzipStream(out)) {
            for (int at = 0; at < body.length; at += chunk) {
                gzip.write(body, at, Math.min(chunk, body.length - at));
            }
        }
        return out.toByteArray();
    }

    @Test
    void writesAMemberThatGzipReadsBackWithItsChecksumAndLength() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            text.append("app_requests_total{method=\"GET\",status=\"")
                    .append(200 + i % 7)
                    .append("\"} ");
            text.append(i).append('\n');
        }
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);

        byte[] gzip = gzip(body, 1000);

        assertThat(gunzip(gzip)).isEqualTo(body);
        assertThat(gzip.length).isLessThan(body.length / 5);
    }

    @Test
    void pooledCompressorsStartAfreshForEveryStream() throws IOException {
        Random random = new Random(7);
        for (int round = 0; round < 40; round++) {
            byte[] body = new byte[random.nextInt(100_000)];
            random.nextBytes(body);
            assertThat(gunzip(gzip(body, 1 + random.nextInt(9000)))).isEqualTo(body);
        }
        assertThat(gunzip(gzip(new byte[0], 1))).isEmpty();
    }

    @Test
    void aStreamWhoseConnectionFailsGivesItsCompressorBackUnspoilt() throws IOException {
        OutputStream broken = new OutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 20) {
                    throw new IOException("connection reset");
                }
            }
        };
        byte[] body = new byte[50_000];
        new Random(3).nextBytes(body);
        GzipStream failing = new GzipStream(broken);

        assertThatThrownBy(() -> {
                    failing.write(body);
                    failing.close();
                })
                .isInstanceOf(IOException.class);
        try {
            failing.close();
        } catch (IOException expected) {
            // the trailer cannot be written either
        }

        for (int i = 0; i < 20; i++) {
            assertThat(gunzip(gzip(body, 4096))).isEqualTo(body);
        }
    }
}
