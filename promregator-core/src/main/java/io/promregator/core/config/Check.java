package io.promregator.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.promregator.core.bcrypt.BcryptHash;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a key's value must satisfy beyond its type ({@link Key#value()}), with the words of the error:
 * {@code <path>: <expectation>. Found: <value>}. The expectation is also used when a value cannot even be
 * converted ({@code server.port: must be an integer between 0 and 65535. Found: "eighty"}).
 */
enum Check {
    ANY(null, n -> true),
    PORT("must be an integer between 0 and 65535", n -> n.canConvertToLong() && n.asLong() >= 0 && n.asLong() <= 65535),
    MILLISECONDS("must be a positive integer (milliseconds)", n -> n.asLong() > 0),
    SECONDS("must be a positive integer (seconds)", n -> n.asLong() > 0),
    BYTES("must be a positive integer (bytes)", n -> n.asLong() > 0),
    AT_LEAST_ONE("must be an integer of at least 1", n -> n.asLong() >= 1),
    AT_LEAST_ZERO("must be an integer of at least 0", n -> n.asLong() >= 0),
    AT_LEAST_MINUS_ONE("must be an integer of at least -1", n -> n.asLong() >= -1),
    NON_NEGATIVE_NUMBER("must be a number of at least 0", n -> n.asDouble() >= 0),
    REGEX("must be a valid regular expression", text(Syntax::compiles)),
    HTTP_OR_HTTPS("must be http or https", text(s -> s.equals("http") || s.equals("https"))),
    HTTP_OR_HTTPS_OR_EMPTY("must be http or https", text(s -> s.isEmpty() || s.equals("http") || s.equals("https"))),
    API_HOST("must be a host name with an optional port, or an http or https URL", text(Syntax::isApiHost)),
    PROXY_HOST("must be a host name or IP address, without scheme or port", text(s -> s.isEmpty() || Syntax.isHost(s))),
    ADDRESS("must be an IP address or host name", text(Syntax::isHost)),
    KEY_STORE_TYPE(
            "must be PKCS12 or JKS",
            text(s -> s.isEmpty() || s.equalsIgnoreCase("PKCS12") || s.equalsIgnoreCase("JKS"))),
    AUTHENTICATOR_TYPE(
            "must be one of basic, OAuth2XSUAABasic, OAuth2XSUAACertificate, OAuth2XSUAA, none",
            text(s -> s.isEmpty() || Syntax.AUTHENTICATOR_TYPES.contains(s.toLowerCase(Locale.ROOT)))),
    /** One expectation for every malformed hash: a message shows no part of a password or its hash. */
    INBOUND_PASSWORD(
            "must be a plain password, or a bcrypt hash if it starts with $2a$, $2b$ or $2y$: " + BcryptHash.FORM,
            text(s -> !BcryptHash.looksLikeBcrypt(s) || BcryptHash.isWellFormed(s))),
    URL("must be an absolute http or https URL", text(Syntax::isHttpUrl)),
    OPTIONAL_URL(URL.expectation, text(s -> s.isEmpty() || Syntax.isHttpUrl(s))),
    LABEL_NAME_PREFIX(
            "must be a label name prefix matching [a-zA-Z_][a-zA-Z0-9_]* and not starting with __",
            text(s -> s.isEmpty() || Syntax.isLabelName(s))),
    LABEL_NAME(
            "must be a label name matching [a-zA-Z_][a-zA-Z0-9_]* and not starting with __", text(Syntax::isLabelName)),
    HEADER_NAME(
            "must be an HTTP header name other than Connection, Content-Length, Expect, Host and Upgrade",
            text(Syntax::isHeaderName)),
    SINGLE_LINE("must not contain line breaks", text(s -> s.indexOf('\r') < 0 && s.indexOf('\n') < 0)),
    /** YAML 1.1 reads OFF as false; Spring takes false for OFF, and so does {@link Logging}. */
    LOG_LEVEL(
            "must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL, OFF",
            text(s -> Syntax.LEVELS.contains(s.toUpperCase(Locale.ROOT)) || s.equalsIgnoreCase("false"))),
    LOG_FORMAT(
            "must be text or json",
            text(s -> s.isEmpty() || s.equalsIgnoreCase(Logging.TEXT) || s.equalsIgnoreCase(Logging.JSON)));

    private final String expectation;
    private final Predicate<JsonNode> test;

    Check(String expectation, Predicate<JsonNode> test) {
        this.expectation = expectation;
        this.test = test;
    }

    /** The words of the error, or null for {@link #ANY}, which leaves them to the type. */
    String expectation() {
        return expectation;
    }

    boolean accepts(JsonNode value) {
        return test.test(value);
    }

    private static Predicate<JsonNode> text(Predicate<String> test) {
        return n -> n.isTextual() && test.test(n.textValue());
    }

    /** The syntax of the values that the checks test. */
    static final class Syntax {
        private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
        private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
        private static final Set<String> RESTRICTED_HEADERS =
                Set.of("connection", "content-length", "expect", "host", "upgrade");
        private static final String HOST_PART = "[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?";
        private static final Pattern HOST =
                Pattern.compile(HOST_PART + "(\\." + HOST_PART + ")*\\.?|\\[?[0-9A-Fa-f.]*:[0-9A-Fa-f:.%]*]?");
        private static final Pattern HOST_PORT = Pattern.compile("(?<host>[^:]+|\\[[^]]+]):(?<port>\\d{1,5})");
        private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "OFF");
        private static final Set<String> AUTHENTICATOR_TYPES =
                Set.of("basic", "oauth2xsuaabasic", "oauth2xsuaacertificate", "oauth2xsuaa", "none", "null");

        private Syntax() {}

        static boolean isLabelName(String text) {
            return LABEL_NAME.matcher(text).matches() && !text.startsWith("__");
        }

        static boolean isHeaderName(String text) {
            return HEADER_NAME.matcher(text).matches() && !RESTRICTED_HEADERS.contains(text.toLowerCase(Locale.ROOT));
        }

        static boolean compiles(String regex) {
            try {
                Pattern.compile(regex);
                return true;
            } catch (PatternSyntaxException e) {
                return false;
            }
        }

        static boolean isHost(String text) {
            return HOST.matcher(text).matches();
        }

        static boolean isHttpUrl(String text) {
            try {
                URI uri = new URI(text);
                String scheme = uri.getScheme();
                return uri.isAbsolute()
                        && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                        && uri.getHost() != null;
            } catch (URISyntaxException e) {
                return false;
            }
        }

        /** {@code host}, {@code host:port}, or (new here) {@code http(s)://host[:port]} without a path. */
        static boolean isApiHost(String text) {
            if (text.isEmpty()) {
                return true;
            }
            if (text.regionMatches(true, 0, "http://", 0, 7) || text.regionMatches(true, 0, "https://", 0, 8)) {
                if (!isHttpUrl(text)) {
                    return false;
                }
                URI uri = URI.create(text);
                return (uri.getRawPath() == null
                                || uri.getRawPath().isEmpty()
                                || uri.getRawPath().equals("/"))
                        && uri.getRawQuery() == null
                        && uri.getRawFragment() == null
                        && uri.getRawUserInfo() == null;
            }
            var hostPort = HOST_PORT.matcher(text);
            if (hostPort.matches()) {
                int port = Integer.parseInt(hostPort.group("port"));
                return port >= 1 && port <= 65535 && isHost(hostPort.group("host"));
            }
            return isHost(text);
        }
    }
}
