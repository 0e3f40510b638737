package io.stream4flow.console.host;

import com.fasterxml.jackson.databind.JsonNode;
import io.stream4flow.cli.flows.FlowReader;
import io.stream4flow.cli.query.Document;
import io.stream4flow.cli.query.HostReport;
import io.stream4flow.cli.query.QueryRequest;
import io.stream4flow.cli.query.QueryService;
import io.stream4flow.cli.query.TimeRange;
import io.stream4flow.cli.config.KafkaEndpoint;
import io.stream4flow.schema.Topics;
import io.stream4flow.schema.filter.FilterParser;
import io.stream4flow.schema.filter.FlowPredicate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the host view shows of one address, gathered off the FX thread from where each part is kept: the
 * daily profiles and linked alerts ({@link QueryService#host}, the last week), the top peers it sent to (the
 * {@code topn} statistics of the last day, as source), and its protocols, counted over its recent flows in the
 * {@code flows} topic (the profiles do not keep protocols).
 *
 * @param peers destination address to flows, most first
 * @param protocols IANA protocol number to flows, over the flows of {@link #RECENT}
 * @param recentFlows how many recent flows of the host were read (at most {@link #RECENT_LIMIT})
 * @param protocolsError null, or why the flows could not be read (the rest is still shown)
 */
public record HostData(String host, HostReport report, List<Map.Entry<String, Long>> peers,
        Map<Integer, Long> protocols, long recentFlows, String protocolsError) {
    static final Duration PROFILE_RANGE = Duration.ofDays(7);
    static final Duration PEER_RANGE = Duration.ofDays(1);
    static final Duration RECENT = Duration.ofMinutes(15);
    static final int RECENT_LIMIT = 50_000;

    /** Reads it all; blocks. A {@code QueryException} when Elasticsearch cannot be asked. */
    public static HostData load(String host, QueryService queries, KafkaEndpoint kafka, Instant now) {
        HostReport report = queries.host(host, new QueryRequest(new TimeRange(now.minus(PROFILE_RANGE), now), null,
                1000, null));
        Map<String, Long> peers = new HashMap<>();
        for (Document d : queries.stats("topn", new QueryRequest(new TimeRange(now.minus(PEER_RANGE), now),
                FilterParser.parse("src ip " + host), QueryRequest.MAX_LIMIT, null))) {
            for (JsonNode p : d.source().path("top_dst_hosts")) {
                peers.merge(p.path("ip").asText(), p.path("flows").asLong(), Long::sum);
            }
        }
        List<Map.Entry<String, Long>> top = new ArrayList<>(peers.entrySet());
        top.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<Integer, Long> protocols = new TreeMap<>();
        long[] read = {0};
        String error = null;
        try (FlowReader r = FlowReader.open(kafka, Topics.FLOWS, now.minus(RECENT))) {
            r.run(FlowPredicate.compile("ip " + host), RECENT_LIMIT, false, f -> {
                read[0]++;
                if (f.get("protocol") instanceof Number p) {
                    protocols.merge(p.intValue(), 1L, Long::sum);
                }
            }, () -> true);
        } catch (RuntimeException e) {
            error = e.getMessage();
        }
        return new HostData(host, report, List.copyOf(top.subList(0, Math.min(20, top.size()))), protocols,
                read[0], error);
    }

    /** The newest daily profile, or null when the host has none in the range. */
    public Document latestProfile() {
        return report.profiles().isEmpty() ? null : report.profiles().get(0);
    }
}
