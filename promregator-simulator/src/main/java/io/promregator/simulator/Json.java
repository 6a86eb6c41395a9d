package io.promregator.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Map;

/** Small helpers for the JSON shapes every Cloud Controller resource shares. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** {@code {"href": url}}. */
    static ObjectNode href(String url) {
        return object().put("href", url);
    }

    /** {@code {"href": url, "method": method}}. */
    static ObjectNode action(String url, String method) {
        return href(url).put("method", method);
    }

    /** {@code {"data": {"guid": guid}}}, or {@code {"data": null}} for a null guid. */
    static ObjectNode relationship(String guid) {
        ObjectNode relationship = object();
        if (guid == null) {
            relationship.putNull("data");
        } else {
            relationship.set("data", object().put("guid", guid));
        }
        return relationship;
    }

    /** {@code {"labels": {...}, "annotations": {...}}}. */
    static ObjectNode metadata(Map<String, String> labels, Map<String, String> annotations) {
        ObjectNode metadata = object();
        ObjectNode labelNode = metadata.putObject("labels");
        labels.forEach(labelNode::put);
        ObjectNode annotationNode = metadata.putObject("annotations");
        annotations.forEach(annotationNode::put);
        return metadata;
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
