package io.promregator.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promregator.simulator.Directory.AppEntry;
import java.time.Instant;

/**
 * {@code GET /v3/processes/:guid/stats}: one entry per index, sorted. DOWN entries (every instance of a
 * stopped app) carry only {@code type, index, state, routable, uptime, isolation_segment, details}; the
 * others have the full set, as the current {@code ProcessStatsPresenter} sends it.
 */
final class StatsJson {
    private static final long MEM_QUOTA = 1024L * 1024 * 1024;

    private StatsJson() {}

    /**
     * @param now the time for {@code usage.time}
     * @param runningSeconds how long the simulator has run; added to running instances' uptime
     */
    static ObjectNode stats(AppEntry entry, Instant now, long runningSeconds) {
        Application app = entry.app();
        ObjectNode body = Json.object();
        ArrayNode resources = body.putArray("resources");
        for (int index = 0; index < app.instances().size(); index++) {
            InstanceState state = app.started() ? app.instances().get(index) : InstanceState.DOWN;
            if (state == InstanceState.DOWN) {
                down(resources.addObject(), index);
            } else {
                reported(resources.addObject(), entry, index, state, now, runningSeconds);
            }
        }
        return body;
    }

    private static void down(ObjectNode node, int index) {
        node.put("type", "web");
        node.put("index", index);
        node.put("state", "DOWN");
        node.putNull("routable");
        node.put("uptime", 0);
        node.putNull("isolation_segment");
        node.putNull("details");
    }

    private static void reported(
            ObjectNode node, AppEntry entry, int index, InstanceState state, Instant now, long runningSeconds) {
        boolean running = state == InstanceState.RUNNING;
        int seed = entry.seq() * 16 + index;
        node.put("type", "web");
        node.put("index", index);
        node.put("instance_guid", Guids.of("instance", entry.app().id(), Integer.toString(index)));
        node.put("state", state.name());
        node.put("routable", running);
        ObjectNode usage = node.putObject("usage");
        usage.put("time", now.toString());
        usage.put("cpu", running ? 0.002 + (seed % 50) / 1000.0 : 0);
        usage.put("cpu_entitlement", running ? 0.01 + (seed % 30) / 1000.0 : 0);
        usage.put("mem", running ? 180_000_000L + seed % 97 * 1_000_000L : 0);
        usage.put("disk", running ? 90_000_000L + seed % 13 * 1_000_000L : 0);
        usage.put("log_rate", 0);
        node.put("host", "10.244.16." + (1 + seed % 250));
        node.put("instance_internal_ip", "10.255." + (seed / 250 % 250) + "." + (1 + seed % 250));
        ArrayNode ports = node.putArray("instance_ports");
        if (running) {
            int external = 61000 + seed % 4000;
            ports.addObject()
                    .put("external", external)
                    .put("internal", 8080)
                    .put("external_tls_proxy_port", external + 4000)
                    .put("internal_tls_proxy_port", 61001);
        }
        node.put("uptime", running ? 3600 + seed % 600 + runningSeconds : 0);
        node.put("mem_quota", MEM_QUOTA);
        node.put("disk_quota", MEM_QUOTA);
        node.put("fds_quota", 16384);
        node.putNull("isolation_segment");
        node.putNull("log_rate_limit");
        if (state == InstanceState.CRASHED) {
            node.put("details", "APP/PROC/WEB: Exited with status 1");
        } else {
            node.putNull("details");
        }
    }
}
