package io.promregator.core.cf.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.promregator.core.cf.CfApplication;
import io.promregator.core.cf.CfInstanceState;
import io.promregator.core.cf.CfOrganization;
import io.promregator.core.cf.CfProcess;
import io.promregator.core.cf.CfRoute;
import io.promregator.core.cf.CfSpace;
import io.promregator.core.cf.CloudController;
import io.promregator.core.cf.CloudControllerException;
import io.promregator.core.cf.client.RetryingTransport.Response;
import io.promregator.core.config.PromregatorConfig;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Cloud Controller v3 over the JDK's {@link HttpClient}, logged in through UAA. Finds the v3 API and
 * the login server from {@code GET /} on first use (cached), sends every list with {@code per_page=5000}
 * and follows {@code pagination.next.href} to the end, and splits long guid filters into several requests.
 * Requests are retried as {@link CloudControllerSettings} says; a rejected token is renewed and the request
 * sent once more. Thread-safe; close it to stop its threads.
 */
public final class HttpCloudController implements CloudController, AutoCloseable {
    private static final Logger logger = LoggerFactory.getLogger(HttpCloudController.class);
    private static final String PER_PAGE = "per_page=5000";
    private static final int INVALID_AUTH_TOKEN = 1000;

    /** What the root document told, and the token provider for its login server. */
    private record Connection(RootLinks links, UaaTokenProvider tokens) {}

    private final CloudControllerSettings settings;
    private final ExecutorService executor;
    private final RetryingTransport transport;
    private final Object connecting = new Object();
    private volatile Connection connection;

    public HttpCloudController(CloudControllerSettings settings) {
        this.settings = settings;
        this.executor = Executors.newFixedThreadPool(settings.threads(), daemonThreads());
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor);
        settings.proxy().ifPresent(proxy -> builder.proxy(ProxySelector.of(proxy)));
        if (settings.skipSslValidation()) {
            builder.sslContext(InsecureTls.context());
            logger.warn("TLS certificates and host names of the Cloud Controller and UAA are not checked"
                    + " (cf.skipSslValidation)");
        }
        if ("http".equalsIgnoreCase(settings.apiUrl().getScheme())) {
            logger.warn(
                    "The Cloud Controller at {} is reached over plain http, which is meant for local"
                            + " simulators only",
                    settings.apiUrl());
        }
        this.transport = new RetryingTransport(builder.build(), settings);
    }

    /** A client for {@code cf.*} of this configuration; see {@link CfConfigMapping#settings}. */
    public static HttpCloudController fromConfig(PromregatorConfig config) {
        return new HttpCloudController(CfConfigMapping.settings(config));
    }

    public CloudControllerSettings settings() {
        return settings;
    }

    /**
     * Reads the root document and gets a token now, rather than on first use, so that a wrong API host or
     * bad credentials show at start-up.
     *
     * @throws CloudControllerException when either fails
     */
    public void connect() {
        connection().tokens().accessToken();
    }

    /** The HTTP requests sent so far (every attempt and page, token requests included). */
    public long requestCount() {
        return transport.count();
    }

    /** The HTTP requests of this type sent so far (every attempt and page). */
    public long requestCount(RequestType type) {
        return transport.count(type);
    }

    @Override
    public List<CfOrganization> organizations(Collection<String> names) {
        if (names.isEmpty() || names.stream().anyMatch(name -> name.contains(","))) {
            // A comma cannot be told from the separator of the names filter: list all, callers match names.
            return list(
                    RequestType.ORGANIZATIONS,
                    "/organizations",
                    "",
                    List.of(),
                    "",
                    onEach(V3Resources::organization),
                    CfOrganization::id);
        }
        return list(
                RequestType.ORGANIZATIONS,
                "/organizations",
                "names",
                names,
                "",
                onEach(V3Resources::organization),
                CfOrganization::id);
    }

    @Override
    public List<CfSpace> spaces(Collection<String> organizationIds) {
        return list(
                RequestType.SPACES,
                "/spaces",
                "organization_guids",
                organizationIds,
                "",
                onEach(V3Resources::space),
                CfSpace::id);
    }

    @Override
    public List<CfApplication> applications(Collection<String> spaceIds) {
        return list(
                RequestType.APPLICATIONS,
                "/apps",
                "space_guids",
                spaceIds,
                "",
                onEach(V3Resources::application),
                CfApplication::id);
    }

    @Override
    public List<CfProcess> webProcesses(Collection<String> spaceIds) {
        return list(
                RequestType.PROCESSES,
                "/processes",
                "space_guids",
                spaceIds,
                "types=web&",
                onEach(V3Resources::process),
                CfProcess::id);
    }

    @Override
    public List<CfRoute> routes(Collection<String> spaceIds) {
        return list(
                RequestType.ROUTES,
                "/routes",
                "space_guids",
                spaceIds,
                "include=domain&",
                page -> {
                    Map<String, V3Resources.Domain> domains = V3Resources.domains(page.included());
                    return page.resources().stream()
                            .map(resource -> V3Resources.route(resource, domains))
                            .toList();
                },
                CfRoute::id);
    }

    @Override
    public List<CfInstanceState> instances(String processId) {
        Connection current = connection();
        URI uri = current.links().resolve("/processes/" + FilterQuery.encode(processId) + "/stats");
        return V3Resources.instances(get(current, RequestType.INSTANCES, uri));
    }

    @Override
    public void close() {
        executor.shutdown();
    }

    private static <T> Function<V3Page, List<Optional<T>>> onEach(Function<JsonNode, Optional<T>> mapper) {
        return page -> page.resources().stream().map(mapper).toList();
    }

    /**
     * Lists a resource: one request per chunk of filter values (none for an empty filter name), each
     * followed through its pages; results are merged by guid.
     */
    private <T> List<T> list(
            RequestType type,
            String path,
            String filter,
            Collection<String> values,
            String fixedQuery,
            Function<V3Page, List<Optional<T>>> mapper,
            Function<T, String> id) {
        List<List<String>> chunks;
        if (filter.isEmpty()) {
            chunks = List.of(List.of());
        } else {
            chunks = FilterQuery.chunks(values, settings.guidsPerRequest());
        }
        Connection current = connection();
        Map<String, T> found = new LinkedHashMap<>();
        for (List<String> chunk : chunks) {
            String filterQuery = filter.isEmpty() ? "" : FilterQuery.filter(filter, chunk) + "&";
            URI next = current.links().resolve(path + "?" + filterQuery + fixedQuery + PER_PAGE);
            Set<URI> seen = new HashSet<>();
            while (next != null) {
                if (!seen.add(next)) {
                    throw new CloudControllerException(
                            describe("GET", next), 200, List.of(), "pagination.next.href repeats an earlier page");
                }
                JsonNode body = get(current, type, next);
                V3Page page = V3Page.of(body, describe("GET", next));
                for (Optional<T> item : mapper.apply(page)) {
                    item.ifPresent(value -> found.putIfAbsent(id.apply(value), value));
                }
                next = page.next().orElse(null);
            }
        }
        return List.copyOf(new ArrayList<>(found.values()));
    }

    /** GETs a Cloud Controller resource, renewing the token once if the Cloud Controller rejects it. */
    private JsonNode get(Connection current, RequestType type, URI uri) {
        String description = describe("GET", uri);
        String token = current.tokens().accessToken();
        Response response = transport.send(type, authorized(uri, token), description);
        if (response.status() == 401 && isInvalidAuthToken(response)) {
            logger.debug("{}: the Cloud Controller rejected the token; getting a new one", description);
            current.tokens().invalidate(token);
            token = current.tokens().accessToken();
            response = transport.send(type, authorized(uri, token), description);
        }
        if (!response.isSuccess()) {
            throw JsonBodies.ccFailure(response, description);
        }
        return JsonBodies.parse(response, description);
    }

    private static boolean isInvalidAuthToken(Response response) {
        return JsonBodies.errors(response.body()).stream()
                .anyMatch(e -> e.code() == INVALID_AUTH_TOKEN || e.title().equals("CF-InvalidAuthToken"));
    }

    private static HttpRequest.Builder authorized(URI uri, String token) {
        return HttpRequest.newBuilder(uri)
                .header("Accept", "application/json")
                .header("Authorization", "bearer " + token)
                .GET();
    }

    private Connection connection() {
        Connection current = connection;
        if (current != null) {
            return current;
        }
        synchronized (connecting) {
            if (connection == null) {
                connection = bootstrap();
            }
            return connection;
        }
    }

    private Connection bootstrap() {
        URI root = URI.create(settings.apiUrl() + "/");
        String description = describe("GET", root);
        HttpRequest.Builder request = HttpRequest.newBuilder(root)
                .header("Accept", "application/json")
                .GET();
        Response response = transport.send(RequestType.ROOT, request, description);
        if (!response.isSuccess()) {
            throw JsonBodies.ccFailure(response, description);
        }
        RootLinks links = RootLinks.of(JsonBodies.parse(response, description), settings.apiUrl(), description);
        URI tokenEndpoint = RootLinks.tokenEndpoint(settings.loginUrl().orElse(links.login()));
        logger.info("Cloud Controller v3 API at {}, tokens from {}", links.v3(), tokenEndpoint);
        return new Connection(
                links, new UaaTokenProvider(transport, tokenEndpoint, settings.credentials(), settings.clock()));
    }

    /** Method, host and path (and the start of the query) for messages; URLs here never carry secrets. */
    static String describe(String method, URI uri) {
        StringBuilder text = new StringBuilder(method)
                .append(' ')
                .append(uri.getScheme())
                .append("://")
                .append(uri.getHost());
        if (uri.getPort() != -1) {
            text.append(':').append(uri.getPort());
        }
        text.append(uri.getRawPath());
        String query = uri.getRawQuery();
        if (query != null) {
            text.append('?').append(query.length() <= 120 ? query : query.substring(0, 120) + "...");
        }
        return text.toString();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "promregator-cf-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
