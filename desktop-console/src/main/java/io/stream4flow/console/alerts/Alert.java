package io.stream4flow.console.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * One alert as the detections write it (ARCHITECTURE.md's alert document: {@code @timestamp}, {@code type},
 * {@code severity}, {@code src_ip}, {@code dst_ip}, {@code dst_port}, {@code window}, {@code flows}, {@code packets},
 * {@code bytes}, {@code targets}, {@code description}, {@code evidence}, {@code job}, {@code id}), read from the Kafka
 * {@code alerts} topic or from an {@code s4f-alerts-*} document.
 *
 * @param time its event time ({@link Instant#EPOCH} when the document has none that parses)
 * @param dstPort the port involved, or -1
 * @param fields the top-level scalar fields (text and numbers), what the filter language tests
 * @param source the whole document
 */
public record Alert(String id, Instant time, String type, String severity, String srcIp, String dstIp, int dstPort,
        long flows, long packets, long bytes, long targets, String description, String job,
        Map<String, Object> fields, ObjectNode source) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Severity order, most urgent first: what the colours and the sort by severity use. */
    public int rank() {
        return rank(severity);
    }

    /** 0 for {@code high}, 1 {@code medium}, 2 {@code low}, 3 anything else. */
    public static int rank(String severity) {
        return switch (severity) {
            case "high" -> 0;
            case "medium" -> 1;
            case "low" -> 2;
            default -> 3;
        };
    }

    /** The alert in {@code json}; an {@link IllegalArgumentException} when it is not a JSON object with an id. */
    public static Alert parse(byte[] json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (!(node instanceof ObjectNode o)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return of(o);
    }

    /** The alert in document {@code o}; an {@link IllegalArgumentException} when it has no {@code id}. */
    public static Alert of(ObjectNode o) {
        String id = o.path("id").asText("");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("an alert without an id");
        }
        Map<String, Object> fields = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isNumber()) {
                fields.put(e.getKey(), v.numberValue());
            } else if (v.isTextual() || v.isBoolean()) {
                fields.put(e.getKey(), v.asText());
            }
        }
        return new Alert(id, instant(o.path("@timestamp").asText("")), o.path("type").asText(""),
                o.path("severity").asText(""), o.path("src_ip").asText(""), o.path("dst_ip").asText(""),
                o.path("dst_port").isNumber() ? o.path("dst_port").asInt() : -1, o.path("flows").asLong(),
                o.path("packets").asLong(), o.path("bytes").asLong(), o.path("targets").asLong(),
                o.path("description").asText(""), o.path("job").asText(""), Map.copyOf(fields), o);
    }

    static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    /** The window as {@code start – end} text, or "". */
    public String window() {
        JsonNode w = source.path("window");
        return w.isObject() ? w.path("start").asText("") + " – " + w.path("end").asText("") : "";
    }

    /** The event window's start, or the alert's time when it has none. */
    public Instant windowStart() {
        Instant s = instant(source.path("window").path("start").asText(""));
        return s.equals(Instant.EPOCH) ? time : s;
    }
}
