package io.promregator.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promregator.simulator.Directory.AppEntry;
import io.promregator.simulator.Directory.DomainEntry;
import io.promregator.simulator.Directory.RouteEntry;
import java.util.Map;

/** Routes and domains as the Cloud Controller v3 presents them. */
final class RouteJson {
    private final String v3;

    RouteJson(String apiUrl) {
        this.v3 = apiUrl + "/v3";
    }

    ObjectNode route(RouteEntry route) {
        String self = v3 + "/routes/" + route.id();
        String created = Directory.timestamp(route.seq());
        ObjectNode node = Json.object();
        node.put("guid", route.id());
        node.put("protocol", "http");
        node.putNull("port");
        node.put("created_at", created);
        node.put("updated_at", created);
        node.put("host", route.host());
        node.put("path", route.mapping().path());
        node.put("url", route.mapping().url());
        ArrayNode destinations = node.putArray("destinations");
        for (AppEntry app : route.apps()) {
            ObjectNode destination = destinations.addObject();
            destination.put(
                    "guid", Guids.of("destination", route.id(), app.app().id()));
            ObjectNode target = destination.putObject("app");
            target.put("guid", app.app().id());
            target.putObject("process").put("type", "web");
            destination.putNull("weight");
            destination.put("port", route.mapping().port());
            destination.put("protocol", "http1");
            destination.put("created_at", created);
            destination.put("updated_at", created);
        }
        node.putObject("options").put("loadbalancing", "round-robin");
        node.set("metadata", Json.metadata(Map.of(), Map.of()));
        ObjectNode relationships = node.putObject("relationships");
        String spaceId = route.space().space().id();
        relationships.set("space", Json.relationship(spaceId));
        relationships.set("domain", Json.relationship(route.domain().domain().id()));
        ObjectNode links = node.putObject("links");
        links.set("self", Json.href(self));
        links.set("space", Json.href(v3 + "/spaces/" + spaceId));
        links.set("domain", Json.href(v3 + "/domains/" + route.domain().domain().id()));
        links.set("destinations", Json.href(self + "/destinations"));
        return node;
    }

    /** A shared domain: no owning organization, no router group. */
    ObjectNode domain(DomainEntry entry) {
        Domain domain = entry.domain();
        String self = v3 + "/domains/" + domain.id();
        ObjectNode node = Json.object();
        node.put("guid", domain.id());
        node.put("created_at", Directory.timestamp(entry.seq()));
        node.put("updated_at", Directory.timestamp(entry.seq()));
        node.put("name", domain.name());
        node.put("internal", domain.internal());
        node.putNull("router_group");
        node.putArray("supported_protocols").add("http");
        node.set("metadata", Json.metadata(Map.of(), Map.of()));
        ObjectNode relationships = node.putObject("relationships");
        relationships.set("organization", Json.relationship(null));
        relationships.putObject("shared_organizations").putArray("data");
        ObjectNode links = node.putObject("links");
        links.set("self", Json.href(self));
        links.set("route_reservations", Json.href(self + "/route_reservations"));
        return node;
    }
}
