package io.stream4flow.cluster.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.window;

import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;

/**
 * {@code dns_external_resolver}: a client inside {@code local-net} resolving names through a resolver outside it,
 * bypassing the local resolvers (malware with its own resolver, a misconfigured host, DNS tunnelling). Plain flow
 * fields are enough (the DNS elements are optional): a flow from a local source to a non-local destination on UDP or
 * TCP port {@code port} (53) is a lookup. Resolvers named in {@code allowed-resolvers} (the organisation's own
 * outside resolvers, say) are not reported, nor are the lookups of the hosts named in {@code local-resolvers} (a
 * local resolver's recursion and forwarding go outside by design). Key (src_ip, dst_ip) per tumbling window; an alert is due when the
 * lookups reach {@code min-queries}: one lookup to an outside resolver now and then is ordinary, a client whose
 * lookups go there is not.
 *
 * <p>Semantics as {@link PortscanJob}: update mode, emitted when the key crosses the threshold, re-emitted under the
 * same {@code id} with larger numbers.
 *
 * <p>Alert: {@code @timestamp} (first lookup), {@code type} {@code dns_external_resolver}, {@code severity}
 * ({@code medium} from 5 &times; min-queries, else {@code low}), {@code src_ip} (the client), {@code dst_ip} (the
 * outside resolver), {@code dst_port}, {@code window}, {@code flows} (lookups), {@code packets}, {@code bytes},
 * {@code targets} (1), {@code description}, {@code evidence {queries, first_seen, last_seen}}, {@code job},
 * {@code id}.
 */
public final class DnsExternalResolverJob implements JobDefinition {

    public static final String NAME = "dns_external_resolver";
    public static final String TYPE = "dns_external_resolver";
    public static final String LOCAL_NET = HostsJob.LOCAL_NET;
    public static final String ALLOWED = "allowed-resolvers";
    public static final String LOCAL_RESOLVERS = "local-resolvers";
    public static final String MIN_QUERIES = "min-queries";
    public static final String PORT = "port";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "local clients resolving names through a resolver outside the local networks";
    }

    @Override
    public List<JobParameter> parameters() {
        return WindowParameters.with("10m", "1m",
                JobParameter.required(LOCAL_NET, JobParameter.Type.CIDR_LIST,
                        "comma-separated IPv4/IPv6 CIDRs of the local networks (their clients and resolvers)"),
                JobParameter.unset(ALLOWED, JobParameter.Type.CIDR_LIST,
                        "outside resolvers the clients may use, comma-separated CIDRs (unset: none)"),
                JobParameter.unset(LOCAL_RESOLVERS, JobParameter.Type.CIDR_LIST,
                        "the local resolvers, comma-separated CIDRs: their own lookups outside (recursion, "
                                + "forwarding) are their job and not reported (unset: none)"),
                JobParameter.optional(MIN_QUERIES, JobParameter.Type.POSITIVE_INT, "20",
                        "lookups from one client to one outside resolver within one window that make an alert"),
                JobParameter.optional(PORT, JobParameter.Type.POSITIVE_INT, "53", "the resolvers' port"));
    }

    @Override
    public OutputKind output() {
        return OutputKind.ALERTS;
    }

    @Override
    public Dataset<Row> apply(Dataset<Row> flows, JobParams params) {
        UserDefinedFunction local = CidrMatcher.function(params, LOCAL_NET);
        Column lookup = col("protocol").isin(6, 17).and(col("dst_port").equalTo(params.integer(PORT)))
                .and(col("src_ip").isNotNull()).and(col("dst_ip").isNotNull());
        Column outward = local.apply(col("src_ip")).and(not(local.apply(col("dst_ip"))));
        if (params.has(ALLOWED)) {
            outward = outward.and(not(CidrMatcher.function(params, ALLOWED).apply(col("dst_ip"))));
        }
        if (params.has(LOCAL_RESOLVERS)) {
            outward = outward.and(not(CidrMatcher.function(params, LOCAL_RESOLVERS).apply(col("src_ip"))));
        }
        return flows.filter(lookup).filter(outward)
                .withWatermark("flow_start", params.interval(WindowParameters.WATERMARK))
                .groupBy(window(col("flow_start"), params.interval(WindowParameters.WINDOW)).as("window"),
                        col("src_ip"), col("dst_ip"))
                .agg(count(lit(1)).as("flows"), sum("packets").as("packets"), sum("bytes").as("bytes"),
                        min("flow_start").as("first_seen"), max("flow_end").as("last_seen"))
                .filter(col("flows").geq(params.integer(MIN_QUERIES)));
    }

    @Override
    public Dataset<Row> documents(Dataset<Row> batch, JobParams params) {
        return Documents.serialize(batch.select(
                col("first_seen").as("@timestamp"),
                lit(TYPE).as("type"),
                when(col("flows").geq(5L * params.integer(MIN_QUERIES)), "medium").otherwise("low").as("severity"),
                col("src_ip"),
                col("dst_ip"),
                lit(params.integer(PORT)).as("dst_port"),
                col("window"), col("flows"), col("packets"), col("bytes"), lit(1L).as("targets"),
                format_string("%s sent %d DNS lookups to the outside resolver %s", col("src_ip"), col("flows"),
                        col("dst_ip")).as("description"),
                struct(col("flows").as("queries"), col("first_seen"), col("last_seen")).as("evidence"),
                lit(NAME).as("job"),
                Documents.id(lit(TYPE), col("src_ip"), col("dst_ip"), Documents.millis(col("window.start"))).as("id"),
                Documents.index(OutputKind.ALERTS, col("first_seen")).as("index")));
    }
}
