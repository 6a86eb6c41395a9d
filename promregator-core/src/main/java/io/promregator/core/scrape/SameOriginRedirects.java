package io.promregator.core.scrape;

import io.promregator.core.Target;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The redirect policy of one scrape: a redirect is followed only to the target's own origin (scheme, host
 * and port), at most {@link #MAX_HOPS} times and never back to a URL already fetched. Everything the scrape
 * sends (the {@code Authorization} header, bearer tokens, the target's configured headers,
 * {@code X-CF-APP-INSTANCE}, {@code X-Promregator-Instance}, a client certificate) belongs to that origin, so
 * a redirect anywhere else is refused rather than followed without them: an app that points the aggregator
 * elsewhere would otherwise harvest the credentials, and without the instance header the gorouter would
 * route to some other instance. Not thread-safe: one per scrape.
 */
final class SameOriginRedirects {
    /** Redirects followed at most in one scrape. */
    static final int MAX_HOPS = 5;

    private static final int MAX_SHOWN = 200;

    private final String origin;
    private final List<URI> visited = new ArrayList<>();

    SameOriginRedirects(URI target) {
        this.origin = origin(target);
        visited.add(target.normalize());
    }

    /** Whether the status is one that redirects with a {@code Location}: 301, 302, 303, 307 or 308. */
    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /**
     * Where to go after {@code current} answered {@code status} with {@code location}.
     *
     * @throws RedirectRefused when the redirect leaves the origin, has no usable {@code Location}, loops or
     *     is one too many; its message names the status and the {@code Location}
     */
    URI next(URI current, int status, Optional<String> location) {
        if (location.isEmpty() || location.get().isBlank()) {
            throw new RedirectRefused("HTTP " + status + " redirect without a Location header");
        }
        URI next;
        try {
            next = current.resolve(new URI(location.get().strip())).normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new RedirectRefused("HTTP " + status + " redirect to an invalid Location: " + shown(location.get()));
        }
        String nextOrigin = origin(next);
        if (!origin.equals(nextOrigin)) {
            throw new RedirectRefused("HTTP " + status + " redirect to another origin not followed: " + shown(next)
                    + " (only redirects within " + origin + " are followed, so that credentials and instance"
                    + " headers never leave the target's origin)");
        }
        if (visited.contains(next)) {
            throw new RedirectRefused("HTTP " + status + " redirect loop: " + shown(next) + " was fetched before");
        }
        if (visited.size() > MAX_HOPS) {
            throw new RedirectRefused("HTTP " + status + " redirect to " + shown(next) + " not followed: more than "
                    + MAX_HOPS + " redirects");
        }
        visited.add(next);
        return next;
    }

    /** {@code scheme://host:port} in lower case, with the scheme's default port made explicit. */
    static String origin(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if (port == -1) {
            port = switch (scheme) {
                case "http" -> 80;
                case "https" -> 443;
                default -> -1;
            };
        }
        return scheme + "://" + host + ":" + port;
    }

    /**
     * A URL as it may be shown in a failure message and a log: {@link Target#redacted(URI)}, and no longer
     * than {@value #MAX_SHOWN} characters, with control characters replaced.
     */
    static String shown(URI uri) {
        return shorten(Target.redacted(uri));
    }

    private static String shown(String location) {
        try {
            return shown(new URI(location.strip()));
        } catch (URISyntaxException e) { // not a URI: still without what would be user information or a query
            String text = location.strip();
            int query = text.indexOf('?');
            text = query < 0 ? text : text.substring(0, query) + "?xxxxx";
            int slashes = text.indexOf("//");
            int at = text.lastIndexOf('@');
            if (slashes >= 0 && at > slashes) {
                text = text.substring(0, slashes + 2) + "xxxxx@" + text.substring(at + 1);
            }
            return shorten(text);
        }
    }

    private static String shorten(String text) {
        StringBuilder printable = new StringBuilder();
        text.codePoints().limit(MAX_SHOWN).forEach(c -> printable.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return text.codePointCount(0, text.length()) > MAX_SHOWN ? printable + "..." : printable.toString();
    }

    /** A redirect the scrape does not follow; its target fails with {@code redirect}. */
    static final class RedirectRefused extends RuntimeException {
        RedirectRefused(String message) {
            super(message, null, false, false);
        }
    }
}
