package io.promregator.core.cf.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.promregator.core.cf.CloudControllerException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One page of a v3 list: {@code resources[]}, the {@code included} resources and the absolute
 * {@code pagination.next.href}, which the client follows as it is.
 */
record V3Page(List<JsonNode> resources, JsonNode included, Optional<URI> next) {
    V3Page {
        resources = List.copyOf(resources);
    }

    static V3Page of(JsonNode body, String description) {
        List<JsonNode> resources = new ArrayList<>();
        body.path("resources").forEach(resources::add);
        String href = V3Resources.text(body.path("pagination").path("next").path("href"));
        Optional<URI> next = Optional.empty();
        if (href != null) {
            try {
                next = Optional.of(URI.create(href));
            } catch (IllegalArgumentException e) {
                throw new CloudControllerException(
                        description, 200, List.of(), "answered with a pagination.next.href that is not a URL", e);
            }
            if (!next.get().isAbsolute()) {
                throw new CloudControllerException(
                        description, 200, List.of(), "answered with a relative pagination.next.href");
            }
        }
        return new V3Page(resources, body.path("included"), next);
    }
}
