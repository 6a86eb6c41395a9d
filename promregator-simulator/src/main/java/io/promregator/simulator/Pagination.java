package io.promregator.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The page a list request asks for ({@code page}, {@code per_page}, {@code order_by}), validated as the
 * Cloud Controller does, and the {@code pagination} object of its answer.
 *
 * @param orderBy a field to order by, with {@code -} in front for descending; empty for the default
 *     ({@code created_at} ascending)
 */
record Pagination(int page, int perPage, String orderBy) {
    static final int DEFAULT_PER_PAGE = 50;
    static final int MAX_PER_PAGE = 5000;

    /** Reads the paging parameters; unparsable or out-of-range values are rejected with 400. */
    static Pagination parse(Map<String, String> params, List<String> orderFields) {
        int page = positive(params.getOrDefault("page", "1"), "Page");
        int perPage = positive(params.getOrDefault("per_page", Integer.toString(DEFAULT_PER_PAGE)), "Per page");
        if (perPage > MAX_PER_PAGE) {
            throw new CloudControllerErrors.Rejected(
                    CloudControllerErrors.badQuery("Per page must be between 1 and " + MAX_PER_PAGE));
        }
        String orderBy = params.getOrDefault("order_by", "");
        String field = orderBy.startsWith("-") || orderBy.startsWith("+") ? orderBy.substring(1) : orderBy;
        if (params.containsKey("order_by") && !orderFields.contains(field)) {
            throw new CloudControllerErrors.Rejected(CloudControllerErrors.badQuery("Order by can only be: "
                    + orderFields.stream().map(f -> "'" + f + "'").collect(Collectors.joining(", "))));
        }
        return new Pagination(page, perPage, orderBy.startsWith("+") ? field : orderBy);
    }

    private static int positive(String value, String what) {
        try {
            int number = Integer.parseInt(value.trim());
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        if (what.equals("Per page")) {
            throw new CloudControllerErrors.Rejected(
                    CloudControllerErrors.badQuery("Per page must be between 1 and " + MAX_PER_PAGE));
        }
        throw new CloudControllerErrors.Rejected(CloudControllerErrors.badQuery(what + " must be a positive integer"));
    }

    /** The entries of this page; empty beyond the last page. */
    <T> List<T> slice(List<T> all) {
        long from = (long) (page - 1) * perPage;
        if (from >= all.size()) {
            return List.of();
        }
        return all.subList((int) from, (int) Math.min(all.size(), from + perPage));
    }

    /**
     * The {@code pagination} object: absolute hrefs that carry every parameter of the request besides
     * {@code page} and {@code per_page}, which they set.
     */
    ObjectNode present(String listUrl, Map<String, String> params, int totalResults) {
        int totalPages = Math.max(1, (totalResults + perPage - 1) / perPage);
        ObjectNode pagination = Json.object();
        pagination.put("total_results", totalResults);
        pagination.put("total_pages", totalPages);
        pagination.set("first", Json.href(pageUrl(listUrl, params, 1)));
        pagination.set("last", Json.href(pageUrl(listUrl, params, totalPages)));
        if (page < totalPages) {
            pagination.set("next", Json.href(pageUrl(listUrl, params, page + 1)));
        } else {
            pagination.putNull("next");
        }
        if (page > 1) {
            pagination.set("previous", Json.href(pageUrl(listUrl, params, Math.min(page - 1, totalPages))));
        } else {
            pagination.putNull("previous");
        }
        return pagination;
    }

    private String pageUrl(String listUrl, Map<String, String> params, int number) {
        Map<String, String> query = new LinkedHashMap<>(params);
        query.put("page", Integer.toString(number));
        query.put("per_page", Integer.toString(perPage));
        return listUrl + "?" + QueryString.encode(query);
    }
}
