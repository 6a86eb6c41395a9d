package io.promregator.core.server;

import io.promregator.core.DiscoveryControls;
import io.promregator.core.DiscoveryControls.Configured;
import io.promregator.core.ScrapeResult.Outcome;
import io.promregator.core.Target;
import io.promregator.core.scrape.TargetStateLog;
import io.promregator.core.scrape.TargetStateLog.LastScrape;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What {@code /targets} shows: each configured target with its instances, each instance with what its
 * last scrape recorded. Built from the current discovery and the {@link TargetStateLog}; it scrapes
 * nothing. The filter (states, text) picks the instances shown; the counts are over all of them.
 */
record TargetsView(
        Instant now,
        Optional<Instant> discoveredAt,
        Optional<String> discoveryError,
        Filter filter,
        Map<State, Integer> counts,
        int shown,
        List<Group> groups) {

    private static final Pattern CF_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:(0|[1-9][0-9]{0,8})");

    /** An instance's state as its last scrape left it. */
    enum State {
        UP("up"),
        DOWN("down"),
        NOT_RUNNING("not running"),
        NEVER_SCRAPED("never scraped");

        private final String text;

        State(String text) {
            this.text = text;
        }

        /** As shown: {@code not running}. */
        String text() {
            return text;
        }

        /** As a parameter and in JSON: {@code not-running}. */
        String key() {
            return text.replace(' ', '-');
        }

        static Optional<State> ofKey(String key) {
            for (State state : values()) {
                if (state.key().equals(key)) {
                    return Optional.of(state);
                }
            }
            return Optional.empty();
        }

        static State of(Optional<LastScrape> last) {
            if (last.isEmpty()) {
                return NEVER_SCRAPED;
            }
            Outcome outcome = last.get().outcome();
            return outcome == Outcome.SUCCESS ? UP : outcome == Outcome.INSTANCE_NOT_RUNNING ? NOT_RUNNING : DOWN;
        }
    }

    /** Which instances to show: those in one of the states (all when none is named) whose text holds the text. */
    record Filter(Set<State> states, String text) {
        static final Filter ALL = new Filter(Set.of(), "");

        Filter {
            states = Set.copyOf(states);
            text = text.strip();
        }

        boolean accepts(Instance instance) {
            return (states.isEmpty() || states.contains(instance.state()))
                    && (text.isEmpty() || instance.searchText().contains(text.toLowerCase(Locale.ROOT)));
        }
    }

    /**
     * One configured target (or the targets no configured Cloud Foundry target found) and its instances.
     *
     * @param instances all of them; {@link TargetsView#filter()} says which to show
     */
    record Group(String key, String description, List<String> matched, List<String> dropped, List<Instance> instances) {
        List<Instance> shown(Filter filter) {
            return instances.stream().filter(filter::accepts).toList();
        }
    }

    /**
     * One instance.
     *
     * @param metricsPath its {@code /singleTargetMetrics/<appGuid>/<index>} path, for Cloud Foundry instances
     */
    record Instance(
            String id,
            String org,
            String space,
            String app,
            String index,
            String url,
            State state,
            Optional<LastScrape> last,
            Optional<String> metricsPath) {

        String searchText() {
            String failure = last.flatMap(LastScrape::lastFailure)
                    .map(f -> f.message() + " " + f.outcome())
                    .orElse("");
            return String.join(" ", id, org, space, app, index, url, state.text(), failure)
                    .toLowerCase(Locale.ROOT);
        }
    }

    static TargetsView of(
            List<Target> targets, DiscoveryControls.Matches matches, TargetStateLog states, Filter filter) {
        List<Configured> configured = matches.targets();
        Map<String, Integer> groupOf = new HashMap<>();
        for (int i = configured.size() - 1; i >= 0; i--) {
            for (String id : configured.get(i).instanceIds()) {
                groupOf.put(id, i);
            }
        }
        List<List<Target>> members = new ArrayList<>();
        for (int i = 0; i <= configured.size(); i++) {
            members.add(new ArrayList<>());
        }
        Set<String> seen = new HashSet<>();
        for (Target target : targets) {
            if (seen.add(target.id())) {
                members.get(groupOf.getOrDefault(target.id(), configured.size()))
                        .add(target);
            }
        }
        Map<State, Integer> counts = new EnumMap<>(State.class);
        for (State state : State.values()) {
            counts.put(state, 0);
        }
        List<Group> groups = new ArrayList<>();
        int[] shown = {0};
        for (int i = 0; i < configured.size(); i++) {
            Configured c = configured.get(i);
            groups.add(group(
                    c.key(), c.description(), c.matched(), c.dropped(), members.get(i), states, filter, counts, shown));
        }
        List<Target> others = members.get(configured.size());
        if (!others.isEmpty() || configured.isEmpty()) {
            groups.add(group(
                    "other targets",
                    configured.isEmpty()
                            ? "every target of the resolver (no Cloud Foundry targets are configured)"
                            : "targets not found by promregator.targets: promregator.staticTargets, or an embedding"
                                    + " application's resolver",
                    List.of(),
                    List.of(),
                    others,
                    states,
                    filter,
                    counts,
                    shown));
        }
        return new TargetsView(
                Instant.now(),
                matches.at(),
                matches.error(),
                filter,
                Map.copyOf(counts),
                shown[0],
                List.copyOf(groups));
    }

    private static Group group(
            String key,
            String description,
            List<String> matched,
            List<String> dropped,
            List<Target> targets,
            TargetStateLog states,
            Filter filter,
            Map<State, Integer> counts,
            int[] shown) {
        List<Instance> instances = new ArrayList<>();
        for (Target target : targets) {
            Instance instance = instance(target, states.lastScrape(target.id()));
            counts.merge(instance.state(), 1, Integer::sum);
            instances.add(instance);
            if (filter.accepts(instance)) {
                shown[0]++;
            }
        }
        return new Group(key, description, matched, dropped, List.copyOf(instances));
    }

    private static Instance instance(Target target, Optional<LastScrape> last) {
        boolean cf = CF_ID.matcher(target.id()).matches();
        Optional<String> metricsPath =
                cf ? Optional.of("/singleTargetMetrics/" + target.id().replace(':', '/')) : Optional.empty();
        return new Instance(
                TargetStateLog.shownId(target),
                label(target, "org_name"),
                label(target, "space_name"),
                label(target, "app_name"),
                label(target, "cf_instance_number"),
                TargetStateLog.shown(target.url()),
                State.of(last),
                last,
                metricsPath);
    }

    private static String label(Target target, String name) {
        String value = target.labels().get(name);
        return value == null ? "" : value;
    }

    int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
