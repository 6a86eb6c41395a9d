package io.promregator.core.scrape;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a limit. Past the limit it cancels the subscription, which closes
 * the connection, and either completes with {@link BodyTooLargeException} or, when truncating (for
 * error bodies, which are only reported), with the bytes read so far.
 */
final class LimitedBodySubscriber implements BodySubscriber<byte[]> {
    private final long limit;
    private final boolean truncate;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
    private Flow.Subscription subscription;

    LimitedBodySubscriber(long limit, boolean truncate) {
        this.limit = limit;
        this.truncate = truncate;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            int n = buffer.remaining();
            if (body.size() + (long) n > limit) {
                subscription.cancel();
                if (truncate) {
                    result.complete(body.toByteArray());
                } else {
                    result.completeExceptionally(new BodyTooLargeException(limit));
                }
                return;
            }
            if (buffer.hasArray()) {
                body.write(buffer.array(), buffer.arrayOffset() + buffer.position(), n);
            } else {
                byte[] chunk = new byte[n];
                buffer.get(chunk);
                body.write(chunk, 0, n);
            }
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(body.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    /** A body, compressed or not, that exceeded the configured limit. */
    static final class BodyTooLargeException extends RuntimeException {
        BodyTooLargeException(long limit) {
            super("response body larger than " + limit + " bytes");
        }
    }
}
