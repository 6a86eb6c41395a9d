package io.promregator.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code GET /} (the link catalogue, with v2 disabled) and {@code GET /v3/info}. */
final class RootJson {
    static final String CC_VERSION = "3.180.0";

    private RootJson() {}

    /** The global root; {@code login} and {@code uaa} point at the simulator's own token endpoints. */
    static ObjectNode root(String apiUrl) {
        ObjectNode root = Json.object();
        ObjectNode links = root.putObject("links");
        links.set("self", Json.href(apiUrl));
        ObjectNode v3 = Json.href(apiUrl + "/v3");
        v3.putObject("meta").put("version", CC_VERSION);
        links.set("cloud_controller_v3", v3);
        links.set("network_policy_v0", Json.href(apiUrl + "/networking/v0/external"));
        links.set("network_policy_v1", Json.href(apiUrl + "/networking/v1/external"));
        links.set("login", Json.href(apiUrl + "/login"));
        links.set("uaa", Json.href(apiUrl + "/uaa"));
        links.putNull("credhub");
        links.set("routing", Json.href(apiUrl + "/routing"));
        links.set("logging", Json.href(apiUrl.replace("http://", "ws://") + "/doppler"));
        links.set("log_cache", Json.href(apiUrl + "/log-cache"));
        links.set("log_stream", Json.href(apiUrl + "/log-stream"));
        ObjectNode ssh = Json.href("127.0.0.1:2222");
        ssh.putObject("meta").put("host_key_fingerprint", "simulated-host-key").put("oauth_client", "ssh-proxy");
        links.set("app_ssh", ssh);
        return root;
    }

    static ObjectNode info(String apiUrl) {
        ObjectNode info = Json.object();
        info.put("build", "promregator-cf-simulator");
        info.putObject("cli_version").put("minimum", "7.0.0").put("recommended", "latest");
        info.putObject("custom");
        info.put("description", "Simulated Cloud Foundry for tests and demos");
        info.put("name", "Promregator CF simulator");
        info.put("version", 3);
        info.put("osbapi_version", "2.15");
        info.putObject("rate_limits")
                .put("enabled", false)
                .put("general_limit", 2000)
                .put("reset_interval_in_minutes", 30);
        ObjectNode links = info.putObject("links");
        links.set("self", Json.href(apiUrl + "/v3/info"));
        links.set("support", Json.href(apiUrl + "/support"));
        return info;
    }
}
