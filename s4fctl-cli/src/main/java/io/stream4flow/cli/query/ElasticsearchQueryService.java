package io.stream4flow.cli.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stream4flow.cli.config.ElasticsearchEndpoint;
import io.stream4flow.schema.filter.ElasticsearchQuery;
import io.stream4flow.schema.filter.FilterExpr;
import io.stream4flow.schema.filter.FilterParser;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@link QueryService} over Elasticsearch's REST API: one {@code POST <index pattern>/_search} per query, its
 * body a {@code bool} of the time range, the document type and the compiled filter
 * ({@link ElasticsearchQuery#toJson}), ties in the sort broken by {@code id}. Thread-safe.
 */
public final class ElasticsearchQueryService implements QueryService {
    static final String ALERTS = "s4f-alerts-*";
    static final String STATS = "s4f-stats-*";
    static final String HOSTS = "s4f-hosts-*";
    private static final Set<String> METRICS = Set.of("flows", "packets", "bytes");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ElasticsearchEndpoint endpoint;
    private final String baseUrl;
    private final HttpClient client;
    private final Duration timeout;

    /**
     * @param endpoint where Elasticsearch is and how to log in
     * @param timeout for connecting and for each search
     */
    public ElasticsearchQueryService(ElasticsearchEndpoint endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.baseUrl = endpoint.url();
        this.timeout = timeout;
        this.client = endpoint.httpClient(timeout);
    }

    @Override
    public List<Document> alerts(QueryRequest request) {
        return documents(ALERTS, search(request, null, timestampRange(request.range()), Sort.NEWEST));
    }

    @Override
    public List<Document> stats(String type, QueryRequest request) {
        return documents(STATS, search(request, type, timestampRange(request.range()), Sort.NEWEST));
    }

    @Override
    public List<Document> hosts(QueryRequest request) {
        return documents(STATS, search(request, "hosts", timestampRange(request.range()), new Sort("flows", true)));
    }

    @Override
    public HostReport host(String address, QueryRequest request) {
        FilterExpr self = FilterParser.parse("ip " + address);
        ObjectNode profiles = search(request, "host_profile", windowOverlap(request.range()), Sort.NEWEST);
        filters(profiles).add(query(self));
        ObjectNode alerts = search(request, null, timestampRange(request.range()), Sort.NEWEST);
        filters(alerts).add(query(self));
        return new HostReport(address, documents(HOSTS, profiles), documents(ALERTS, alerts));
    }

    @Override
    public List<Talker> top(String metric, QueryRequest request) {
        if (!METRICS.contains(metric)) {
            throw new IllegalArgumentException("metric " + metric + ": not one of " + METRICS);
        }
        ObjectNode body = search(request, "hosts", timestampRange(request.range()), null);
        body.put("size", 0);
        body.remove("sort");
        ObjectNode terms = body.putObject("aggs").putObject("talkers");
        ObjectNode t = terms.putObject("terms");
        t.put("field", "host");
        t.put("size", request.limit());
        ArrayNode order = t.putArray("order");
        order.addObject().put(metric, "desc");
        order.addObject().put("_key", "asc");
        ObjectNode sums = terms.putObject("aggs");
        for (String m : List.of("flows", "packets", "bytes")) {
            sums.putObject(m).putObject("sum").put("field", m);
        }
        JsonNode answer = post(STATS, body);
        List<Talker> out = new ArrayList<>();
        for (JsonNode b : answer.path("aggregations").path("talkers").path("buckets")) {
            out.add(new Talker(b.path("key").asText(), b.path("flows").path("value").asLong(),
                    b.path("packets").path("value").asLong(), b.path("bytes").path("value").asLong(),
                    b.path("doc_count").asLong()));
        }
        return out;
    }

    @Override
    public List<TypeCount> alertCounts(QueryRequest request, Duration interval) {
        if (interval.toSeconds() < 1) {
            throw new IllegalArgumentException("interval " + interval + ": under a second");
        }
        ObjectNode body = search(request, null, timestampRange(request.range()), null);
        body.put("size", 0);
        ObjectNode histogram = body.putObject("aggs").putObject("over_time");
        ObjectNode h = histogram.putObject("date_histogram");
        h.put("field", "@timestamp");
        h.put("fixed_interval", interval.toSeconds() + "s");
        h.put("min_doc_count", 1);
        histogram.putObject("aggs").putObject("types").putObject("terms").put("field", "type").put("size", 100);
        List<TypeCount> out = new ArrayList<>();
        for (JsonNode b : post(ALERTS, body).path("aggregations").path("over_time").path("buckets")) {
            Instant at = Instant.ofEpochMilli(b.path("key").asLong());
            for (JsonNode t : b.path("types").path("buckets")) {
                out.add(new TypeCount(at, t.path("key").asText(), t.path("doc_count").asLong()));
            }
        }
        return out;
    }

    /** A search body: size, the bool of range, type and filter, and the sort (null: none). */
    private static ObjectNode search(QueryRequest request, String type, ObjectNode range, Sort fallback) {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", request.limit());
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        filter.add(range);
        if (type != null) {
            filter.addObject().putObject("term").put("type", type);
        }
        if (request.filter() != null) {
            filter.add(query(request.filter()));
        }
        if (fallback != null) {
            Sort sort = request.sortOr(fallback);
            ArrayNode s = body.putArray("sort");
            s.addObject().putObject(sort.field()).put("order", sort.descending() ? "desc" : "asc");
            if (!sort.field().equals("id")) {
                s.addObject().putObject("id").put("order", "asc");
            }
        }
        return body;
    }

    private static ArrayNode filters(ObjectNode body) {
        return (ArrayNode) body.path("query").path("bool").path("filter");
    }

    private static JsonNode query(FilterExpr f) {
        try {
            return JSON.readTree(ElasticsearchQuery.toJson(f));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the filter compiled to JSON that does not parse", e);
        }
    }

    private static ObjectNode timestampRange(TimeRange r) {
        ObjectNode range = JSON.createObjectNode();
        ObjectNode ts = range.putObject("range").putObject("@timestamp");
        ts.put("gte", r.from().toString());
        ts.put("lte", r.to().toString());
        ts.put("format", "strict_date_optional_time");
        return range;
    }

    /** {@code window.start <= to and window.end > from}. */
    private static ObjectNode windowOverlap(TimeRange r) {
        ObjectNode q = JSON.createObjectNode();
        ArrayNode both = q.putObject("bool").putArray("filter");
        ObjectNode start = both.addObject().putObject("range").putObject("window.start");
        start.put("lte", r.to().toString());
        start.put("format", "strict_date_optional_time");
        ObjectNode end = both.addObject().putObject("range").putObject("window.end");
        end.put("gt", r.from().toString());
        end.put("format", "strict_date_optional_time");
        return q;
    }

    private List<Document> documents(String index, ObjectNode body) {
        List<Document> out = new ArrayList<>();
        for (JsonNode h : post(index, body).path("hits").path("hits")) {
            out.add(new Document(h.path("_index").asText(), h.path("_id").asText(), (ObjectNode) h.path("_source")));
        }
        return out;
    }

    /** The answer of one search; a {@link QueryException} when there is none or it is an error. */
    private JsonNode post(String index, ObjectNode body) {
        String path = "/" + index + "/_search?ignore_unavailable=true&allow_no_indices=true";
        HttpResponse<String> r;
        try {
            r = client.send(endpoint.request(path).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new QueryException(QueryException.Reason.NOT_REACHABLE, "Elasticsearch at " + baseUrl
                    + " did not answer within " + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new QueryException(QueryException.Reason.NOT_REACHABLE, "Elasticsearch not reachable at " + baseUrl
                    + " (" + (e.getMessage() != null ? e.getMessage()
                            : e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName())
                    + "); is the stack up (s4fctl up), or give --es URL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryException(QueryException.Reason.NOT_REACHABLE, "interrupted while asking " + baseUrl, e);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(r.body());
        } catch (JsonProcessingException e) {
            throw new QueryException(QueryException.Reason.NOT_REACHABLE, baseUrl + " answered HTTP " + r.statusCode()
                    + " with something other than JSON: is it Elasticsearch?", e);
        }
        if (r.statusCode() != 200) {
            throw new QueryException(QueryException.Reason.FAILED, "Elasticsearch at " + baseUrl + " refused the search of "
                    + index + " (HTTP " + r.statusCode() + "): " + reason(answer), null);
        }
        JsonNode shards = answer.path("_shards");
        if (shards.path("failed").asInt(0) > 0) { // partial results would look like complete ones
            throw new QueryException(QueryException.Reason.FAILED, "Elasticsearch at " + baseUrl + " failed the search of "
                    + index + " on " + shards.path("failed").asInt() + " of " + shards.path("total").asInt()
                    + " shards: " + shards.path("failures").path(0).path("reason").path("reason").asText("").replace('\n', ' '),
                    null);
        }
        return answer;
    }

    private static String reason(JsonNode error) {
        JsonNode e = error.path("error");
        JsonNode root = e.path("root_cause").path(0);
        String reason = root.path("reason").asText(e.path("reason").asText(e.asText("")));
        return reason.replace('\n', ' ');
    }
}
