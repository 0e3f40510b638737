package io.stream4flow.cli.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.stream4flow.schema.net.IpLiterals;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link QueryService#host} found for one address: its host-profile documents ({@code s4f-hosts-*}, one per
 * day) and the alerts it was part of, from both places they are kept: the profiles' {@code alerts} object (the
 * job links an alert to a local host as it is written) and a search of {@code s4f-alerts-*} by {@code src_ip} or
 * {@code dst_ip} (which also finds alerts of hosts outside {@code local-net}, that have no profile).
 *
 * @param host the address asked for
 * @param profiles its profiles, newest day first
 * @param alerts the alerts found by the search (newest first)
 */
public record HostReport(String host, List<Document> profiles, List<Document> alerts) {

    /**
     * One alert the host was part of.
     *
     * @param id the alert's id
     * @param time its {@code @timestamp} (ISO 8601 as stored)
     * @param role {@code source} (the host is its {@code src_ip}) or {@code target} ({@code dst_ip})
     * @param inProfile whether a profile lists it
     * @param alert the alert document, or null when only a profile lists it (outside the range or the limit of the
     *     search, or its index deleted)
     */
    public record LinkedAlert(String id, String time, String type, String severity, String role, boolean inProfile,
            Document alert) {
    }

    public HostReport {
        profiles = List.copyOf(profiles);
        alerts = List.copyOf(alerts);
    }

    /**
     * The alerts of the profiles and of the search, one per alert id and role, newest first (then by id): an
     * alert in both shows the document of the search and {@code inProfile}.
     */
    public List<LinkedAlert> linkedAlerts() {
        Map<String, LinkedAlert> byKey = new LinkedHashMap<>();
        for (Document p : profiles) {
            JsonNode entries = p.source().path("alerts");
            entries.fields().forEachRemaining(e -> {
                JsonNode a = e.getValue();
                String id = a.path("id").asText("");
                String role = a.path("role").asText("");
                byKey.putIfAbsent(id + ":" + role, new LinkedAlert(id, a.path("time").asText(""),
                        a.path("type").asText(""), a.path("severity").asText(""), role, true, null));
            });
        }
        for (Document a : alerts) {
            String id = a.text("id").isEmpty() ? a.id() : a.text("id");
            for (String role : roles(a)) {
                LinkedAlert known = byKey.get(id + ":" + role);
                byKey.put(id + ":" + role, new LinkedAlert(id, a.text("@timestamp"), a.text("type"),
                        a.text("severity"), role, known != null, a));
            }
        }
        List<LinkedAlert> out = new ArrayList<>(byKey.values());
        out.sort(Comparator.comparing(LinkedAlert::time).reversed().thenComparing(LinkedAlert::id)
                .thenComparing(LinkedAlert::role));
        return out;
    }

    private List<String> roles(Document alert) {
        List<String> roles = new ArrayList<>(2);
        if (sameAddress(alert.text("src_ip"))) {
            roles.add("source");
        }
        if (sameAddress(alert.text("dst_ip"))) {
            roles.add("target");
        }
        return roles.isEmpty() ? List.of("source") : roles;
    }

    private boolean sameAddress(String text) {
        byte[] a = IpLiterals.parse(text);
        byte[] b = IpLiterals.parse(host);
        return a != null && b != null && Arrays.equals(a, b);
    }
}
