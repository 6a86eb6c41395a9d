package io.promregator.simulator;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The foundation a running simulator serves, changeable while it runs: scale, stop and start apps, or
 * change one instance's state, to test what cached discovery notices. Apps are named by GUID or by a
 * name unique in the foundation. Thread-safe: every request sees one consistent version.
 */
public final class LiveFoundation {
    private final AtomicReference<Directory> directory;

    LiveFoundation(Foundation foundation) {
        this.directory = new AtomicReference<>(new Directory(foundation));
    }

    /** The foundation as it is now. */
    public Foundation current() {
        return directory.get().foundation();
    }

    /** Replaces the foundation by {@code change.apply(current())}. */
    public LiveFoundation update(UnaryOperator<Foundation> change) {
        directory.updateAndGet(d -> new Directory(Objects.requireNonNull(change.apply(d.foundation()))));
        return this;
    }

    /** Sets the app's instance count: new instances run, surplus ones go from the end. */
    public LiveFoundation scale(String app, int instances) {
        return update(f -> f.withApplication(app, a -> a.scaled(instances)));
    }

    /** Sets the app's desired state to STOPPED: all its instances report DOWN and leave the gorouter. */
    public LiveFoundation stop(String app) {
        return update(f -> f.withApplication(app, a -> a.withStarted(false)));
    }

    /** Sets the app's desired state to STARTED. */
    public LiveFoundation start(String app) {
        return update(f -> f.withApplication(app, a -> a.withStarted(true)));
    }

    /** Sets the state of one instance, e.g. to {@link InstanceState#CRASHED}. */
    public LiveFoundation instanceState(String app, int index, InstanceState state) {
        return update(f -> f.withApplication(app, a -> a.withInstanceState(index, state)));
    }

    /**
     * Serves the app's instances by these backends from now on, one per instance (see
     * {@link ApplicationBuilder#backends(URI...)}). The instance count becomes their number: existing
     * instances keep their state (set it with {@link #instanceState}), new ones are {@code RUNNING}.
     */
    public LiveFoundation backends(String app, URI... baseUrls) {
        List<URI> backends = List.of(baseUrls);
        return update(f -> f.withApplication(app, a -> a.withBackends(backends)));
    }

    Directory directory() {
        return directory.get();
    }
}
