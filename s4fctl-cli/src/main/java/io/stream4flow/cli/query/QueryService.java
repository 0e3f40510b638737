package io.stream4flow.cli.query;

import java.time.Duration;
import java.util.List;

/**
 * Reading what the jobs wrote: alerts, statistics and host profiles, each query over a time range with a filter
 * (the filter language of {@code io.stream4flow.schema.filter}), a limit and a sort. The API of {@code s4fctl
 * query} and of the console.
 *
 * <p>Time ranges: alerts and statistics are in range when their {@code @timestamp} is (from and to inclusive);
 * host profiles, one per day, when their {@code window} overlaps it. Every method throws a {@link QueryException}
 * when Elasticsearch cannot be reached ({@link QueryException.Reason#NOT_REACHABLE}) or refuses the search
 * ({@link QueryException.Reason#FAILED}). Implementations are thread-safe.
 */
public interface QueryService {

    /** Alerts ({@code s4f-alerts-*}); default order newest first by {@code @timestamp}. */
    List<Document> alerts(QueryRequest request);

    /**
     * Statistics documents ({@code s4f-stats-*}) of one type ({@code protocols}, {@code hosts}, {@code topn},
     * {@code dns}, {@code tls}, a user SQL job's name), or of every type when {@code type} is null; default order
     * newest first.
     */
    List<Document> stats(String type, QueryRequest request);

    /**
     * One host: its profiles (newest day first; the request's filter, limit and range apply) and the alerts whose
     * {@code src_ip} or {@code dst_ip} it is (newest first; filter, limit, range and sort apply).
     *
     * @param address an IPv4 or IPv6 literal
     */
    HostReport host(String address, QueryRequest request);

    /** Host statistics documents ({@code s4f-stats-*} of type {@code hosts}); default order by {@code flows}, most first. */
    List<Document> hosts(QueryRequest request);

    /**
     * The top talkers: a terms aggregation by {@code host} over the host statistics of the range (so the hosts of
     * the {@code hosts} job's {@code local-net}), their flows, packets and bytes summed, ordered by {@code metric}
     * (most first, then by address), at most {@code request.limit()}. The request's sort is not used.
     *
     * @param metric {@code flows}, {@code packets} or {@code bytes}
     */
    List<Talker> top(String metric, QueryRequest request);

    /**
     * Alerts counted by {@code type} in buckets of {@code interval} over the range (a date histogram of
     * {@code @timestamp}, with the request's filter; its limit and sort do not apply), oldest bucket first; empty
     * buckets are left out.
     */
    List<TypeCount> alertCounts(QueryRequest request, Duration interval);
}
