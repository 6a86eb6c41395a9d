package io.promregator.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * One Cloud Controller v3 list endpoint: the resources visible in a directory, filtered (comma-separated
 * values are OR, filters AND), ordered, paged and presented, with {@code included} resources on request.
 * Unknown parameters and include values are rejected with 400 as the real Cloud Controller does.
 */
final class ListEndpoint<T> {
    /** A filter parameter such as {@code space_guids}, matching when any of a resource's values is given. */
    record Filter<T>(String parameter, boolean ignoreCase, Function<T, Collection<String>> values) {}

    /** Adds the requested includes of a page's resources to the {@code included} object. */
    interface Includer<T> {
        void include(List<T> page, Set<String> includes, ObjectNode included);
    }

    private final String listUrl;
    private final Function<Directory, List<T>> source;
    private final List<Filter<T>> filters;
    private final List<String> includes;
    private final Includer<T> includer;
    private final Function<T, String> name;
    private final ToIntFunction<T> seq;
    private final Function<T, ObjectNode> presenter;

    /**
     * @param name the resource's name for {@code order_by=name}; null when it cannot be ordered by name
     * @param seq the creation order
     */
    ListEndpoint(
            String listUrl,
            Function<Directory, List<T>> source,
            List<Filter<T>> filters,
            List<String> includes,
            Includer<T> includer,
            Function<T, String> name,
            ToIntFunction<T> seq,
            Function<T, ObjectNode> presenter) {
        this.listUrl = listUrl;
        this.source = source;
        this.filters = List.copyOf(filters);
        this.includes = List.copyOf(includes);
        this.includer = includer;
        this.name = name;
        this.seq = seq;
        this.presenter = presenter;
    }

    ObjectNode list(Directory directory, Map<String, String> params) {
        rejectUnknown(params.keySet());
        List<String> orderFields =
                name == null ? List.of("created_at", "updated_at") : List.of("created_at", "updated_at", "name");
        Pagination pagination = Pagination.parse(params, orderFields);
        Set<String> requested = requestedIncludes(params);
        List<T> matching = new ArrayList<>(source.apply(directory).stream()
                .filter(resource -> matches(resource, params))
                .toList());
        matching.sort(order(pagination.orderBy()));
        List<T> page = pagination.slice(matching);
        ObjectNode body = Json.object();
        body.set("pagination", pagination.present(listUrl, withoutPaging(params), matching.size()));
        ArrayNode resources = body.putArray("resources");
        page.forEach(resource -> resources.add(presenter.apply(resource)));
        if (!requested.isEmpty()) {
            includer.include(page, requested, body.putObject("included"));
        }
        return body;
    }

    private void rejectUnknown(Set<String> given) {
        List<String> valid = new ArrayList<>();
        filters.forEach(f -> valid.add(f.parameter()));
        if (!includes.isEmpty()) {
            valid.add("include");
        }
        valid.addAll(List.of("page", "per_page", "order_by"));
        List<String> unknown = given.stream().filter(p -> !valid.contains(p)).toList();
        if (!unknown.isEmpty()) {
            throw new CloudControllerErrors.Rejected(CloudControllerErrors.badQuery(
                    "Unknown query parameter(s): " + quoted(unknown) + ". Valid parameters are: " + quoted(valid)));
        }
    }

    private Set<String> requestedIncludes(Map<String, String> params) {
        if (!params.containsKey("include")) {
            return Set.of();
        }
        Set<String> requested = new LinkedHashSet<>(QueryString.values(params.get("include")));
        for (String include : requested) {
            if (!includes.contains(include)) {
                throw new CloudControllerErrors.Rejected(CloudControllerErrors.badQuery("Invalid included resource: '"
                        + include + "'. Valid included resources are: " + quoted(includes)));
            }
        }
        return requested;
    }

    private boolean matches(T resource, Map<String, String> params) {
        for (Filter<T> filter : filters) {
            String given = params.get(filter.parameter());
            if (given == null) {
                continue;
            }
            Set<String> wanted = new HashSet<>();
            for (String value : QueryString.values(given)) {
                wanted.add(filter.ignoreCase() ? value.toLowerCase(Locale.ROOT) : value);
            }
            boolean any = filter.values().apply(resource).stream()
                    .map(v -> filter.ignoreCase() ? v.toLowerCase(Locale.ROOT) : v)
                    .anyMatch(wanted::contains);
            if (!any) {
                return false;
            }
        }
        return true;
    }

    private Comparator<T> order(String orderBy) {
        boolean descending = orderBy.startsWith("-");
        Comparator<T> bySeq = Comparator.comparingInt(seq);
        if (!orderBy.endsWith("name")) {
            return descending ? bySeq.reversed() : bySeq;
        }
        Comparator<T> byName = Comparator.comparing(name, String.CASE_INSENSITIVE_ORDER);
        return (descending ? byName.reversed() : byName).thenComparing(bySeq);
    }

    private static Map<String, String> withoutPaging(Map<String, String> params) {
        return params.entrySet().stream()
                .filter(e -> !e.getKey().equals("page") && !e.getKey().equals("per_page"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static String quoted(List<String> names) {
        return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    }
}
