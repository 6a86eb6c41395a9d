package io.promregator.core.cf.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.promregator.core.cf.CloudControllerException;
import java.net.URI;
import java.util.List;

/**
 * What the client takes from the Cloud Controller's root document ({@code GET /}): the v3 API and the
 * server that issues tokens.
 *
 * @param v3 {@code links.cloud_controller_v3.href}
 * @param login {@code links.login.href}, else {@code links.uaa.href}
 */
record RootLinks(URI v3, URI login) {
    static RootLinks of(JsonNode root, URI apiUrl, String description) {
        JsonNode links = root.path("links");
        String v3 = V3Resources.text(links.path("cloud_controller_v3").path("href"));
        if (v3 == null) {
            throw new CloudControllerException(
                    description,
                    200,
                    List.of(),
                    "CF API v3 is not available at " + apiUrl
                            + ": the root document has no links.cloud_controller_v3 (Cloud Controller API v3 is required)");
        }
        String login = V3Resources.text(links.path("login").path("href"));
        if (login == null) {
            login = V3Resources.text(links.path("uaa").path("href"));
        }
        if (login == null) {
            throw new CloudControllerException(
                    description,
                    200,
                    List.of(),
                    "the root document of " + apiUrl + " has neither links.login nor links.uaa");
        }
        return new RootLinks(url(v3, description), url(login, description));
    }

    /** {@code <login>/oauth/token}. */
    static URI tokenEndpoint(URI login) {
        return URI.create(withoutTrailingSlash(login.toString()) + "/oauth/token");
    }

    /** The URL of a v3 path such as {@code /organizations}. */
    URI resolve(String pathAndQuery) {
        return URI.create(withoutTrailingSlash(v3.toString()) + pathAndQuery);
    }

    private static URI url(String href, String description) {
        try {
            URI uri = URI.create(href);
            if (uri.isAbsolute() && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new CloudControllerException(
                description, 200, List.of(), "the root document links to a bad URL: " + href);
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
