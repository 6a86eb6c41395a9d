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

    /**
     * One kind of list request.
     *
     * @param filter the query parameter the values go into; empty for none
     * @param fixedQuery further query parameters, each followed by {@code &}
     * @param mapper the records of one page; empty for resources that were skipped
     * @param id a record's guid
     */
    private record ListCall<T>(
            RequestType type,
            String path,
            String filter,
            String fixedQuery,
            Function<V3Page, List<Optional<T>>> mapper,
            Function<T, String> id) {

        static <T> ListCall<T> of(
                RequestType type,
                String path,
                String filter,
                String fixedQuery,
                Function<JsonNode, Optional<T>> mapper,
                Function<T, String> id) {
            return new ListCall<>(
                    type,
                    path,
                    filter,
                    fixedQuery,
                    page -> page.resources().stream().map(mapper).toList(),
                    id);
        }
    }

    private static final ListCall<CfOrganization> ALL_ORGANIZATIONS = ListCall.of(
            RequestType.ORGANIZATIONS, "/organizations", "", "", V3Resources::organization, CfOrganization::id);
    private static final ListCall<CfOrganization> ORGANIZATIONS = ListCall.of(
            RequestType.ORGANIZATIONS, "/organizations", "names", "", V3Resources::organization, CfOrganization::id);
    private static final ListCall<CfSpace> SPACES =
            ListCall.of(RequestType.SPACES, "/spaces", "organization_guids", "", V3Resources::space, CfSpace::id);
    private static final ListCall<CfApplication> APPLICATIONS = ListCall.of(
            RequestType.APPLICATIONS, "/apps", "space_guids", "", V3Resources::application, CfApplication::id);
    private static final ListCall<CfProcess> WEB_PROCESSES = ListCall.of(
            RequestType.PROCESSES, "/processes", "space_guids", "types=web&", V3Resources::process, CfProcess::id);
    private static final ListCall<CfRoute> ROUTES = new ListCall<>(
            RequestType.ROUTES,
            "/routes",
            "space_guids",
            "include=domain&",
            page -> {
                Map<String, V3Resources.Domain> domains = V3Resources.domains(page.included());
                return page.resources().stream()
                        .map(resource -> V3Resources.route(resource, domains))
                        .toList();
            },
            CfRoute::id);

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

    /**
     * Why the client cannot log in, while UAA refuses its login (wrong credentials) and it waits to try again;
     * empty otherwise.
     */
    public Optional<String> loginRefused() {
        Connection current = connection;
        return current == null
                ? Optional.empty()
                : current.tokens()
                        .refusal()
                        .map(refusal -> refusal.toException().getMessage());
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
        // A comma in a name cannot be told from the filter's separator: list all, callers match names.
        if (names.isEmpty() || names.stream().anyMatch(name -> name.contains(","))) {
            return list(ALL_ORGANIZATIONS, List.of());
        }
        return list(ORGANIZATIONS, names);
    }

    @Override
    public List<CfSpace> spaces(Collection<String> organizationIds) {
        return list(SPACES, organizationIds);
    }

    @Override
    public List<CfApplication> applications(Collection<String> spaceIds) {
        return list(APPLICATIONS, spaceIds);
    }

    @Override
    public List<CfProcess> webProcesses(Collection<String> spaceIds) {
        return list(WEB_PROCESSES, spaceIds);
    }

    @Override
    public List<CfRoute> routes(Collection<String> spaceIds) {
        return list(ROUTES, spaceIds);
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

    /**
     * Lists a resource: one request per chunk of filter values (one request without a filter), each
     * followed through its pages; results are merged by guid.
     */
    private <T> List<T> list(ListCall<T> call, Collection<String> values) {
        List<List<String>> chunks =
                call.filter().isEmpty() ? List.of(List.of()) : FilterQuery.chunks(values, settings.guidsPerRequest());
        if (chunks.isEmpty()) {
            return List.of();
        }
        Connection current = connection();
        Map<String, T> found = new LinkedHashMap<>();
        for (List<String> chunk : chunks) {
            String filterQuery = call.filter().isEmpty() ? "" : FilterQuery.filter(call.filter(), chunk) + "&";
            URI next = current.links().resolve(call.path() + "?" + filterQuery + call.fixedQuery() + PER_PAGE);
            Set<URI> seen = new HashSet<>();
            while (next != null) {
                if (!seen.add(next)) {
                    throw new CloudControllerException(
                            describe("GET", next), 200, List.of(), "pagination.next.href repeats an earlier page");
                }
                JsonNode body = get(current, call.type(), next);
                V3Page page = V3Page.of(body, describe("GET", next));
                for (Optional<T> item : call.mapper().apply(page)) {
                    item.ifPresent(value -> found.putIfAbsent(call.id().apply(value), value));
                }
                next = page.next().orElse(null);
            }
        }
        return List.copyOf(found.values());
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
