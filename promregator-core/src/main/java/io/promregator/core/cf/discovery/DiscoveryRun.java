package io.promregator.core.cf.discovery;

import io.promregator.core.Target;
import io.promregator.core.cf.CfApplication;
import io.promregator.core.cf.CfOrganization;
import io.promregator.core.cf.CfProcess;
import io.promregator.core.cf.CfRoute;
import io.promregator.core.cf.CfSpace;
import io.promregator.core.cf.CloudController;
import io.promregator.core.config.CfTarget;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One discovery over all configured targets at once, so that the Cloud Controller requests grow with
 * result pages, not with apps or targets: organizations, then all spaces of the matched organizations,
 * all apps of the matched spaces, and the web processes and routes of the spaces whose apps were kept.
 * Everything is joined by guid. Each step records, per configured target, what it dropped and why.
 */
final class DiscoveryRun {
    private static final Logger logger = LoggerFactory.getLogger(DiscoveryRun.class);
    static final String SCRAPE_ANNOTATION = "prometheus.io/scrape";
    static final String PATH_ANNOTATION = "prometheus.io/path";

    private final CloudController cloudController;
    private final int defaultInternalRoutePort;
    private final String user;

    DiscoveryRun(CloudController cloudController, int defaultInternalRoutePort, String user) {
        this.cloudController = cloudController;
        this.defaultInternalRoutePort = defaultInternalRoutePort;
        this.user = user;
    }

    /** A candidate app of one configured target that passed the name, state and annotation filters. */
    private record Candidate(
            int target, CfTarget config, CfOrganization org, CfSpace space, CfApplication app, String path) {}

    Discovery run(List<CfTarget> configured, Instant now) {
        List<TargetSteps> steps = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            steps.add(new TargetSteps(i, configured.get(i)));
        }
        List<CfOrganization> orgs = cloudController.organizations(orgNamesToAsk(steps));
        logger.trace("Discovery: {} orgs visible", orgs.size());
        Map<String, CfOrganization> orgById = new HashMap<>();
        for (TargetSteps step : steps) {
            step.orgs = orgs.stream().filter(o -> step.org.matches(o.name())).toList();
            step.orgs.forEach(o -> orgById.put(o.id(), o));
            if (step.orgs.isEmpty()) {
                step.drop("no org matches " + step.org.describe() + " among the " + orgs.size() + " orgs user \"" + user
                        + "\" can see (it does not exist, or the user has no role in it)");
            }
        }
        List<CfSpace> spaces = orgById.isEmpty() ? List.of() : cloudController.spaces(orgById.keySet());
        logger.trace("Discovery: {} spaces in the {} matched orgs", spaces.size(), orgById.size());
        Map<String, CfSpace> spaceById = new HashMap<>();
        for (TargetSteps step : steps) {
            Set<String> orgIds = orgIds(step.orgs);
            step.spaces = spaces.stream()
                    .filter(s -> orgIds.contains(s.organizationId()) && step.space.matches(s.name()))
                    .toList();
            step.spaces.forEach(s -> spaceById.put(s.id(), s));
            if (!step.orgs.isEmpty() && step.spaces.isEmpty()) {
                step.drop("no space matches " + step.space.describe() + " in " + orgNames(step.orgs)
                        + " (it does not exist, or user \"" + user + "\" has no role in it)");
            }
        }
        List<CfApplication> apps = spaceById.isEmpty() ? List.of() : cloudController.applications(spaceById.keySet());
        logger.trace("Discovery: {} apps in the {} matched spaces", apps.size(), spaceById.size());
        List<Candidate> candidates = new ArrayList<>();
        for (TargetSteps step : steps) {
            candidates.addAll(candidates(step, apps, orgById, spaceById));
        }
        Set<String> candidateSpaces = new LinkedHashSet<>();
        candidates.forEach(c -> candidateSpaces.add(c.space().id()));
        Map<String, List<CfProcess>> processes = new HashMap<>();
        Map<String, List<CfRoute>> routes = new HashMap<>();
        if (!candidateSpaces.isEmpty()) {
            cloudController
                    .webProcesses(candidateSpaces)
                    .forEach(p -> processes
                            .computeIfAbsent(p.applicationId(), k -> new ArrayList<>())
                            .add(p));
            for (CfRoute route : cloudController.routes(candidateSpaces)) {
                for (String appId : new LinkedHashSet<>(route.applicationIds())) {
                    routes.computeIfAbsent(appId, k -> new ArrayList<>()).add(route);
                }
            }
        }
        logger.trace(
                "Discovery: {} candidate apps; {} web processes and routes in {} spaces",
                candidates.size(),
                processes.size(),
                candidateSpaces.size());
        Map<String, Target> targets = new LinkedHashMap<>();
        Map<String, Integer> firstTarget = new HashMap<>();
        for (Candidate candidate : candidates) {
            TargetSteps step = steps.get(candidate.target());
            List<Target> instances = instances(candidate, step, processes, routes);
            Integer earlier =
                    instances.isEmpty() ? null : firstTarget.get(candidate.app().id());
            if (earlier != null && earlier != step.index) {
                step.annotateLastMatch(", but already matched by promregator.targets[" + earlier + "], which wins");
                continue;
            }
            firstTarget.putIfAbsent(candidate.app().id(), step.index);
            for (Target target : instances) {
                if (targets.putIfAbsent(target.id(), target) == null) {
                    step.instanceIds.add(target.id());
                }
            }
        }
        List<Target> ordered = new ArrayList<>(targets.values());
        ordered.sort(ORDER);
        return new Discovery(
                now, ordered, steps.stream().map(TargetSteps::diagnosis).toList(), Optional.empty());
    }

    private static final Comparator<Target> ORDER = Comparator.<Target, String>comparing(t -> label(t, "org_name"))
            .thenComparing(t -> label(t, "space_name"))
            .thenComparing(t -> label(t, "app_name"))
            .thenComparing(t -> t.id().substring(0, t.id().lastIndexOf(':')))
            .thenComparingInt(t -> Integer.parseInt(label(t, "cf_instance_number")));

    private static String label(Target target, String name) {
        String value = target.labels().get(name);
        return value == null ? "" : value;
    }

    /** Org names for the Cloud Controller's filter when every target names its org exactly; else all orgs. */
    private static Set<String> orgNamesToAsk(List<TargetSteps> steps) {
        Set<String> names = new LinkedHashSet<>();
        for (TargetSteps step : steps) {
            if (!step.org.isExactName()) {
                return Set.of();
            }
            names.add(step.org.name());
        }
        return names;
    }

    private List<Candidate> candidates(
            TargetSteps step,
            List<CfApplication> apps,
            Map<String, CfOrganization> orgById,
            Map<String, CfSpace> spaceById) {
        Set<String> spaceIds = spaceIds(step.spaces);
        List<Candidate> kept = new ArrayList<>();
        boolean any = false;
        for (CfApplication app : apps) {
            if (!spaceIds.contains(app.spaceId()) || !step.application.matches(app.name())) {
                continue;
            }
            any = true;
            CfSpace space = spaceById.get(app.spaceId());
            CfOrganization org = orgById.get(space.organizationId());
            String where = org.name() + "/" + space.name() + "/" + app.name();
            if (!app.isStarted()) {
                step.drop(where + ": the app is " + app.state() + " (only STARTED apps are scraped)");
                continue;
            }
            String path = step.config.path();
            if (step.config.kubernetesAnnotations()) {
                if (!"true".equals(app.annotations().get(SCRAPE_ANNOTATION))) {
                    step.drop(where + ": not annotated " + SCRAPE_ANNOTATION
                            + ": \"true\" (kubernetesAnnotations is on)");
                    continue;
                }
                path = app.annotations().getOrDefault(PATH_ANNOTATION, path);
            }
            kept.add(new Candidate(step.index, step.config, org, space, app, path));
        }
        if (!any && !step.spaces.isEmpty()) {
            step.drop("no app matches " + step.application.describe() + " in " + spaceNames(step.spaces));
        }
        return kept;
    }

    private List<Target> instances(
            Candidate c, TargetSteps step, Map<String, List<CfProcess>> processes, Map<String, List<CfRoute>> routes) {
        String where = c.org().name() + "/" + c.space().name() + "/" + c.app().name();
        List<CfProcess> web = processes.getOrDefault(c.app().id(), List.of());
        if (web.size() != 1) {
            step.drop(
                    where + (web.isEmpty() ? ": no web process" : ": " + web.size() + " web processes, expected one"));
            return List.of();
        }
        int count = web.get(0).instances();
        String override = c.config().overrideRouteAndPath();
        Optional<CfRoute> route = override.isEmpty()
                ? InstanceAddress.choose(routes.getOrDefault(c.app().id(), List.of()), step.preferredRoutes)
                : Optional.empty();
        if (override.isEmpty() && route.isEmpty()) {
            step.drop(where + ": no http route is mapped to the app (map one, or set overrideRouteAndPath)");
            return List.of();
        }
        if (count == 0) {
            step.drop(where + ": the web process is scaled to 0 instances");
            return List.of();
        }
        List<Target> targets = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            URI url;
            Map<String, String> headers = Map.of();
            try {
                if (!override.isEmpty()) {
                    url = InstanceAddress.override(c.config().protocol(), override, c.path());
                } else if (route.get().internalDomain()) {
                    int port = c.config().internalRoutePort() > 0
                            ? c.config().internalRoutePort()
                            : defaultInternalRoutePort;
                    url = InstanceAddress.internal(route.get(), index, port, c.path());
                } else {
                    url = InstanceAddress.external(c.config().protocol(), route.get(), c.path());
                    headers = InstanceAddress.instanceHeader(c.app().id(), index);
                }
            } catch (IllegalArgumentException e) {
                step.drop(where + ": cannot build a URL: " + e.getMessage());
                return List.of();
            }
            targets.add(new Target(
                    c.app().id() + ":" + index,
                    url,
                    Target.cfLabels(
                            c.org().name(),
                            c.space().name(),
                            c.app().name(),
                            c.app().id(),
                            index),
                    headers,
                    c.config().authenticatorId()));
        }
        step.match(where + ": " + count + (count == 1 ? " instance at " : " instances at ")
                + targets.get(0).url()
                + (targets.get(0).headers().isEmpty() ? "" : " with " + InstanceAddress.INSTANCE_HEADER));
        return targets;
    }

    private static Set<String> orgIds(List<CfOrganization> orgs) {
        Set<String> ids = new LinkedHashSet<>();
        orgs.forEach(org -> ids.add(org.id()));
        return ids;
    }

    private static Set<String> spaceIds(List<CfSpace> spaces) {
        Set<String> ids = new LinkedHashSet<>();
        spaces.forEach(space -> ids.add(space.id()));
        return ids;
    }

    private static String orgNames(List<CfOrganization> orgs) {
        return "org "
                + String.join(", ", orgs.stream().map(CfOrganization::name).toList());
    }

    private static String spaceNames(List<CfSpace> spaces) {
        return "space " + String.join(", ", spaces.stream().map(CfSpace::name).toList());
    }

    /** One configured target's filters and what each step found for it. */
    private static final class TargetSteps {
        final int index;
        final CfTarget config;
        final NameFilter org;
        final NameFilter space;
        final NameFilter application;
        final List<Pattern> preferredRoutes;
        final List<String> matched = new ArrayList<>();
        final List<String> dropped = new ArrayList<>();
        final List<String> instanceIds = new ArrayList<>();
        List<CfOrganization> orgs = List.of();
        List<CfSpace> spaces = List.of();

        TargetSteps(int index, CfTarget config) {
            this.index = index;
            this.config = config;
            this.org = NameFilter.of("org", config.orgName(), config.orgRegex());
            this.space = NameFilter.of("space", config.spaceName(), config.spaceRegex());
            this.application = NameFilter.of("application", config.applicationName(), config.applicationRegex());
            this.preferredRoutes =
                    config.preferredRouteRegex().stream().map(Pattern::compile).toList();
        }

        void drop(String reason) {
            logger.trace("promregator.targets[{}] dropped: {}", index, reason);
            dropped.add(reason);
        }

        void match(String line) {
            logger.trace("promregator.targets[{}] matched: {}", index, line);
            matched.add(line);
        }

        void annotateLastMatch(String note) {
            matched.set(matched.size() - 1, matched.get(matched.size() - 1) + note);
        }

        TargetDiagnosis diagnosis() {
            String description = org.describe() + ", " + space.describe() + ", " + application.describe()
                    + (config.kubernetesAnnotations() ? ", kubernetesAnnotations" : "");
            return new TargetDiagnosis(index, description, matched, dropped, instanceIds);
        }
    }
}
