package io.promregator.core.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which Cloud Foundry applications to scrape ({@code promregator.targets[]}), with the original's keys.
 * Empty strings stand for unset. Regular expressions match whole names, ignoring case.
 *
 * @param orgName exact org name; with {@code orgRegex} also empty, all orgs the user can see
 * @param orgRegex filter on org names; wins over {@code orgName}
 * @param spaceName exact space name; with {@code spaceRegex} also empty, all spaces of the orgs
 * @param spaceRegex filter on space names
 * @param applicationName application name, compared ignoring case; with no regex either, all apps
 * @param applicationRegex filter on application names
 * @param path the metrics path on the application
 * @param protocol {@code http} or {@code https}, for scraping through the public route
 * @param preferredRouteRegex ordered patterns choosing the route when an application has several
 * @param internalRoutePort port for internal routes; 0 for {@code promregator.defaultInternalRoutePort}
 * @param kubernetesAnnotations only applications annotated {@code prometheus.io/scrape: "true"}
 * @param overrideRouteAndPath fixed {@code host[/path]} used instead of the discovered route
 * @param authenticatorId id of an entry of {@code promregator.targetAuthenticators}; empty for the global
 */
public record CfTarget(
        String orgName,
        @Key(Check.REGEX) String orgRegex,
        String spaceName,
        @Key(Check.REGEX) String spaceRegex,
        String applicationName,
        @Key(Check.REGEX) String applicationRegex,
        String path,
        @Key(Check.HTTP_OR_HTTPS) String protocol,
        @Key(Check.REGEX) List<String> preferredRouteRegex,
        @Key(Check.PORT) int internalRoutePort,
        boolean kubernetesAnnotations,
        String overrideRouteAndPath,
        String authenticatorId) {

    public CfTarget {
        orgName = Objects.requireNonNullElse(orgName, "");
        orgRegex = Objects.requireNonNullElse(orgRegex, "");
        spaceName = Objects.requireNonNullElse(spaceName, "");
        spaceRegex = Objects.requireNonNullElse(spaceRegex, "");
        applicationName = Objects.requireNonNullElse(applicationName, "");
        applicationRegex = Objects.requireNonNullElse(applicationRegex, "");
        path = Objects.requireNonNullElse(path, "/metrics");
        protocol = Objects.requireNonNullElse(protocol, "https");
        preferredRouteRegex = preferredRouteRegex == null ? List.of() : List.copyOf(preferredRouteRegex);
        overrideRouteAndPath = Objects.requireNonNullElse(overrideRouteAndPath, "");
        authenticatorId = Objects.requireNonNullElse(authenticatorId, "");
    }

    /** All applications of all orgs and spaces, on {@code /metrics} over https: the original's defaults. */
    public static CfTarget defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The org filter as the original applies it: whole name, ignoring case; empty when unset. */
    public Optional<Pattern> orgPattern() {
        return pattern(orgRegex);
    }

    private static Optional<Pattern> pattern(String regex) {
        return regex.isEmpty() ? Optional.empty() : Optional.of(Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
    }

    /** Starts from the defaults; every setter takes the YAML key's name. */
    public static final class Builder {
        private String orgName = "";
        private String orgRegex = "";
        private String spaceName = "";
        private String spaceRegex = "";
        private String applicationName = "";
        private String applicationRegex = "";
        private String path = "/metrics";
        private String protocol = "https";
        private List<String> preferredRouteRegex = List.of();
        private int internalRoutePort;
        private boolean kubernetesAnnotations;
        private String overrideRouteAndPath = "";
        private String authenticatorId = "";

        private Builder() {}

        public Builder orgName(String value) {
            this.orgName = value;
            return this;
        }

        public Builder orgRegex(String value) {
            this.orgRegex = value;
            return this;
        }

        public Builder spaceName(String value) {
            this.spaceName = value;
            return this;
        }

        public Builder spaceRegex(String value) {
            this.spaceRegex = value;
            return this;
        }

        public Builder applicationName(String value) {
            this.applicationName = value;
            return this;
        }

        public Builder applicationRegex(String value) {
            this.applicationRegex = value;
            return this;
        }

        public Builder path(String value) {
            this.path = value;
            return this;
        }

        public Builder protocol(String value) {
            this.protocol = value;
            return this;
        }

        public Builder preferredRouteRegex(List<String> value) {
            this.preferredRouteRegex = value;
            return this;
        }

        public Builder internalRoutePort(int value) {
            this.internalRoutePort = value;
            return this;
        }

        public Builder kubernetesAnnotations(boolean value) {
            this.kubernetesAnnotations = value;
            return this;
        }

        public Builder overrideRouteAndPath(String value) {
            this.overrideRouteAndPath = value;
            return this;
        }

        public Builder authenticatorId(String value) {
            this.authenticatorId = value;
            return this;
        }

        public CfTarget build() {
            return new CfTarget(
                    orgName,
                    orgRegex,
                    spaceName,
                    spaceRegex,
                    applicationName,
                    applicationRegex,
                    path,
                    protocol,
                    preferredRouteRegex,
                    internalRoutePort,
                    kubernetesAnnotations,
                    overrideRouteAndPath,
                    authenticatorId);
        }
    }
}
