package io.promregator.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promregator.simulator.Directory.AppEntry;
import io.promregator.simulator.Directory.OrgEntry;
import io.promregator.simulator.Directory.SpaceEntry;
import java.util.Map;

/** Organizations, spaces, apps and processes as the Cloud Controller v3 presents them. */
final class ResourceJson {
    private static final String DEFAULT_QUOTA = Guids.of("quota", "default");

    private final String v3;

    /** @param apiUrl the simulator's API base URL, e.g. {@code http://127.0.0.1:1234} */
    ResourceJson(String apiUrl) {
        this.v3 = apiUrl + "/v3";
    }

    ObjectNode organization(OrgEntry entry) {
        Organization org = entry.org();
        String self = v3 + "/organizations/" + org.id();
        ObjectNode node = Json.object();
        node.put("guid", org.id());
        node.put("created_at", Directory.timestamp(entry.seq()));
        node.put("updated_at", Directory.timestamp(entry.seq()));
        node.put("name", org.name());
        node.put("suspended", false);
        node.putObject("relationships").set("quota", Json.relationship(DEFAULT_QUOTA));
        ObjectNode links = node.putObject("links");
        links.set("self", Json.href(self));
        links.set("domains", Json.href(self + "/domains"));
        links.set("default_domain", Json.href(self + "/domains/default"));
        links.set("quota", Json.href(v3 + "/organization_quotas/" + DEFAULT_QUOTA));
        node.set("metadata", Json.metadata(Map.of(), Map.of()));
        return node;
    }

    ObjectNode space(SpaceEntry entry) {
        Space space = entry.space();
        String orgId = entry.org().org().id();
        String self = v3 + "/spaces/" + space.id();
        ObjectNode node = Json.object();
        node.put("guid", space.id());
        node.put("created_at", Directory.timestamp(entry.seq()));
        node.put("updated_at", Directory.timestamp(entry.seq()));
        node.put("name", space.name());
        node.put("suspended", false);
        ObjectNode relationships = node.putObject("relationships");
        relationships.set("organization", Json.relationship(orgId));
        relationships.set("quota", Json.relationship(null));
        ObjectNode links = node.putObject("links");
        links.set("self", Json.href(self));
        links.set("features", Json.href(self + "/features"));
        links.set("organization", Json.href(v3 + "/organizations/" + orgId));
        links.set("apply_manifest", Json.action(self + "/actions/apply_manifest", "POST"));
        node.set("metadata", Json.metadata(Map.of(), Map.of()));
        return node;
    }

    ObjectNode application(AppEntry entry) {
        Application app = entry.app();
        String self = v3 + "/apps/" + app.id();
        String dropletId = Guids.of("droplet", app.id());
        ObjectNode node = Json.object();
        node.put("guid", app.id());
        node.put("name", app.name());
        node.put("state", app.started() ? "STARTED" : "STOPPED");
        node.put("created_at", Directory.timestamp(entry.seq()));
        node.put("updated_at", Directory.timestamp(entry.seq()));
        ObjectNode lifecycle = node.putObject("lifecycle");
        lifecycle.put("type", "buildpack");
        ObjectNode lifecycleData = lifecycle.putObject("data");
        lifecycleData.putArray("buildpacks").add("java_buildpack");
        lifecycleData.put("stack", "cflinuxfs4");
        ObjectNode relationships = node.putObject("relationships");
        relationships.set("space", Json.relationship(entry.space().space().id()));
        relationships.set("current_droplet", Json.relationship(dropletId));
        ObjectNode links = node.putObject("links");
        links.set("self", Json.href(self));
        links.set("space", Json.href(v3 + "/spaces/" + entry.space().space().id()));
        for (String sub : new String[] {"processes", "packages", "environment_variables"}) {
            links.set(sub, Json.href(self + "/" + sub));
        }
        links.set("current_droplet", Json.href(self + "/droplets/current"));
        links.set("droplets", Json.href(self + "/droplets"));
        links.set("tasks", Json.href(self + "/tasks"));
        links.set("start", Json.action(self + "/actions/start", "POST"));
        links.set("stop", Json.action(self + "/actions/stop", "POST"));
        links.set("revisions", Json.href(self + "/revisions"));
        links.set("deployed_revisions", Json.href(self + "/revisions/deployed"));
        links.set("features", Json.href(self + "/features"));
        node.set("metadata", Json.metadata(app.labels(), app.annotations()));
        return node;
    }

    /** The app's {@code web} process; in lists the command is hidden, as the Cloud Controller does. */
    ObjectNode process(AppEntry entry, boolean inList) {
        Application app = entry.app();
        String self = v3 + "/processes/" + app.processId();
        ObjectNode node = Json.object();
        node.put("guid", app.processId());
        node.put("type", "web");
        node.put("command", inList ? "[PRIVATE DATA HIDDEN IN LISTS]" : "java -jar app.jar");
        node.put("user", "vcap");
        node.put("instances", app.instances().size());
        node.put("memory_in_mb", 1024);
        node.put("disk_in_mb", 1024);
        node.put("log_rate_limit_in_bytes_per_second", -1);
        ObjectNode health = node.putObject("health_check");
        health.put("type", "port");
        health.putObject("data")
                .putNull("timeout")
                .putNull("invocation_timeout")
                .putNull("interval");
        ObjectNode readiness = node.putObject("readiness_health_check");
        readiness.put("type", "process");
        readiness.putObject("data").putNull("invocation_timeout").putNull("interval");
        ObjectNode relationships = node.putObject("relationships");
        relationships.set("app", Json.relationship(app.id()));
        relationships.set("revision", Json.relationship(Guids.of("revision", app.id())));
        node.set("metadata", Json.metadata(Map.of(), Map.of()));
        node.put("created_at", Directory.timestamp(entry.seq()));
        node.put("updated_at", Directory.timestamp(entry.seq()));
        node.put("version", Guids.of("version", app.id()));
        ObjectNode links = node.putObject("links");
        links.set("self", Json.href(self));
        links.set("scale", Json.action(self + "/actions/scale", "POST"));
        links.set("app", Json.href(v3 + "/apps/" + app.id()));
        links.set("space", Json.href(v3 + "/spaces/" + entry.space().space().id()));
        links.set("stats", Json.href(self + "/stats"));
        links.set("process_instances", Json.href(self + "/process_instances"));
        return node;
    }
}
