package io.promregator.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.promregator.core.bcrypt.BcryptHash;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What each key's value must satisfy beyond its type, in one table. Paths are written with {@code []} for
 * any list index and {@code *} for any rest of the path. The expectation text is also used when a value
 * cannot even be converted ({@code server.port: must be an integer between 0 and 65535. Found: "eighty"}).
 */
final class ConfigRules {
    static final String PORT = "must be an integer between 0 and 65535";
    static final String URL = "must be an absolute http or https URL";
    static final String INBOUND_PASSWORD =
            "must be a plain password, or a bcrypt hash if it starts with $2a$, $2b$ or $2y$: " + BcryptHash.FORM;
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

    /** One constraint; {@code onKey} rules test the key of a map entry instead of its value. */
    record Rule(Pattern glob, String expectation, Predicate<JsonNode> test, boolean onKey) {}

    private static final List<Rule> RULES = new ArrayList<>();

    static {
        values(
                PORT,
                n -> between(n, 0, 65535),
                "server.port",
                "cf.proxy.port",
                "cf.proxyPort",
                "promregator.scraping.proxy.port",
                "promregator.discovery.port",
                "promregator.defaultInternalRoutePort",
                "promregator.targets[].internalRoutePort");
        values(
                "must be a positive integer (milliseconds)",
                n -> n.asLong() > 0,
                "cf.request.timeout.org",
                "cf.request.timeout.space",
                "cf.request.timeout.appInSpace",
                "cf.request.timeout.domain",
                "cf.request.timeout.route",
                "cf.request.timeout.process",
                "cf.request.backoff",
                "cf.cache.aggregator.checkinterval.*",
                "cf.watchdog.timeout",
                "promregator.scraping.maxProcessingTime",
                "promregator.scraping.connectionTimeout",
                "promregator.scraping.socketReadTimeout");
        values(
                "must be a positive integer (seconds)",
                n -> n.asLong() > 0,
                "cf.cache.timeout.*",
                "cf.cache.expiry.*",
                "cf.watchdog.rate",
                "cf.watchdog.initialDelay",
                "promregator.discoverer.timeout",
                "promregator.gc.rate");
        values(
                "must be an integer of at least 1",
                n -> n.asLong() >= 1,
                "promregator.scraping.threads",
                "server.tomcat.threads.max",
                "promregator.simulation.instances",
                "cf.cache.aggregator.blocksize.*");
        values(
                "must be an integer of at least 0",
                n -> n.asLong() >= 0,
                "cf.connectionPool.size",
                "cf.threadPool.size",
                "cf.watchdog.restartCount",
                "promregator.endpoint.maxProcessingTime",
                "promregator.endpoint.threads",
                "server.tomcat.maxThreads",
                "promregator.scraping.limits.samples",
                "promregator.scraping.limits.labels",
                "promregator.scraping.limits.labelNameLength",
                "promregator.scraping.limits.labelValueLength");
        values("must be a number of at least 0", n -> n.asDouble() >= 0, "cf.request.rateLimit");
        values("must be an integer of at least -1", n -> n.asLong() >= -1, "promregator.workaround.dnscache.timeout");
        values("must be a positive integer (bytes)", n -> n.asLong() > 0, "promregator.scraping.maxResponseSize");
        values(
                "must be a valid regular expression",
                text(ConfigRules::compiles),
                "promregator.targets[].orgRegex",
                "promregator.targets[].spaceRegex",
                "promregator.targets[].applicationRegex",
                "promregator.targets[].preferredRouteRegex[]");
        values(
                "must be http or https",
                text(s -> s.equals("http") || s.equals("https")),
                "promregator.targets[].protocol");
        values(
                "must be http or https",
                text(s -> s.isEmpty() || s.equals("http") || s.equals("https")),
                "promregator.discovery.scheme");
        values(
                "must be a host name with an optional port, or an http or https URL",
                text(ConfigRules::isApiHost),
                "cf.api_host");
        values(
                "must be a host name or IP address, without scheme or port",
                text(s -> s.isEmpty() || isHost(s)),
                "cf.proxy.host",
                "cf.proxyHost",
                "promregator.scraping.proxy.host");
        values("must be an IP address or host name", text(ConfigRules::isHost), "server.address");
        values(
                "must be PKCS12 or JKS",
                text(s -> s.isEmpty() || s.equalsIgnoreCase("PKCS12") || s.equalsIgnoreCase("JKS")),
                "server.ssl.key-store-type");
        values(
                "must be one of basic, OAuth2XSUAABasic, OAuth2XSUAACertificate, OAuth2XSUAA, none",
                text(s -> s.isEmpty() || AUTHENTICATOR_TYPES.contains(s.toLowerCase(Locale.ROOT))),
                "promregator.authenticator.type",
                "promregator.targetAuthenticators[].type");
        // One expectation for every malformed hash: a message shows no part of a password or its hash.
        values(
                INBOUND_PASSWORD,
                text(s -> !BcryptHash.looksLikeBcrypt(s) || BcryptHash.isWellFormed(s)),
                "promregator.authentication.basic.password");
        values(
                URL,
                text(s -> s.isEmpty() || isHttpUrl(s)),
                "promregator.*.tokenServiceURL",
                "promregator.*.tokenServiceCertURL");
        values(URL, text(ConfigRules::isHttpUrl), "promregator.staticTargets[].url");
        values(
                "must be a label name prefix matching [a-zA-Z_][a-zA-Z0-9_]* and not starting with __",
                text(s -> s.isEmpty() || (LABEL_NAME.matcher(s).matches() && !s.startsWith("__"))),
                "promregator.metrics.labelNamePrefix");
        keys(
                "must be a label name matching [a-zA-Z_][a-zA-Z0-9_]* and not starting with __",
                text(s -> LABEL_NAME.matcher(s).matches() && !s.startsWith("__")),
                "promregator.staticTargets[].labels.*");
        keys(
                "must be an HTTP header name other than Connection, Content-Length, Expect, Host and Upgrade",
                text(s -> HEADER_NAME.matcher(s).matches() && !RESTRICTED_HEADERS.contains(s.toLowerCase(Locale.ROOT))),
                "promregator.staticTargets[].headers.*");
        values(
                "must not contain line breaks",
                text(s -> s.indexOf('\r') < 0 && s.indexOf('\n') < 0),
                "promregator.staticTargets[].headers.*");
        // YAML 1.1 reads OFF as false; Spring takes false for OFF, and so does Logging.
        values(
                "must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL, OFF",
                text(s -> LEVELS.contains(s.toUpperCase(Locale.ROOT)) || s.equalsIgnoreCase("false")),
                "logging.level.*");
        values(
                "must be text or json",
                text(s -> s.equalsIgnoreCase(Logging.TEXT) || s.equalsIgnoreCase(Logging.JSON)),
                "logging.format");
    }

    private ConfigRules() {}

    /** Checks a value at {@code path} (with real indexes) against every rule for it. */
    static void check(String path, JsonNode value, Problems problems) {
        String pattern = pattern(path);
        for (Rule rule : RULES) {
            if (!rule.onKey()
                    && rule.glob().matcher(pattern).matches()
                    && !rule.test().test(value)) {
                problems.add(path, rule.expectation(), value);
                return;
            }
        }
    }

    /** Checks the key of a map entry; keys are never secret, so they are always shown. */
    static void checkKey(String mapPath, String key, Problems problems) {
        String path = mapPath + "." + key;
        String pattern = pattern(path);
        for (Rule rule : RULES) {
            if (rule.onKey()
                    && rule.glob().matcher(pattern).matches()
                    && !rule.test().test(TextNode.valueOf(key))) {
                problems.addLine(path + ": " + rule.expectation() + ". Found: " + Problems.quote(key));
                return;
            }
        }
    }

    /** The expectation for a value of {@code type} at {@code path}: the rule's if there is one. */
    static String expectation(String path, Class<?> type) {
        String pattern = pattern(path);
        for (Rule rule : RULES) {
            if (!rule.onKey() && rule.glob().matcher(pattern).matches()) {
                return rule.expectation();
            }
        }
        return Scalars.expectation(type);
    }

    /** A path with every list index written as {@code []}. */
    static String pattern(String path) {
        return path.replaceAll("\\[\\d+]", "[]");
    }

    /** A path pattern ({@code []} for any index, {@code *} for anything) as a regular expression. */
    static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    private static void values(String expectation, Predicate<JsonNode> test, String... patterns) {
        for (String pattern : patterns) {
            RULES.add(new Rule(glob(pattern), expectation, test, false));
        }
    }

    private static void keys(String expectation, Predicate<JsonNode> test, String... patterns) {
        for (String pattern : patterns) {
            RULES.add(new Rule(glob(pattern), expectation, test, true));
        }
    }

    private static Predicate<JsonNode> text(Predicate<String> test) {
        return n -> n.isTextual() && test.test(n.textValue());
    }

    private static boolean between(JsonNode n, long min, long max) {
        return n.canConvertToLong() && n.asLong() >= min && n.asLong() <= max;
    }

    private static boolean compiles(String regex) {
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
