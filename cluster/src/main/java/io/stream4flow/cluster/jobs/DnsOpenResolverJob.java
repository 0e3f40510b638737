package io.stream4flow.cluster.jobs;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
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
 * {@code dns_open_resolver}: a DNS server inside {@code local-net} answering hosts outside it, the open resolver that
 * amplification attacks use. An answer is a flow from a local host's UDP or TCP port {@code port} (53) to a host
 * outside {@code local-net} and outside {@code allowed-clients}. Not counted: answers of the servers in
 * {@code allowed-servers} (the organisation's authoritative servers answer the world by design) and, where the
 * exporter sends the query name ({@code dns_name}), answers for names in or under {@code allowed-domains}. Key
 * (src_ip: the server) per tumbling window; an alert is due when the answers reach {@code min-answers}.
 *
 * <p>Semantics as {@link PortscanJob}: update mode, emitted when the key crosses the threshold, re-emitted under the
 * same {@code id} with larger numbers.
 *
 * <p>Alert: {@code @timestamp} (first answer), {@code type} {@code dns_open_resolver}, {@code severity}
 * ({@code high} from 5 &times; min-answers, else {@code medium}), {@code src_ip} (the server), {@code window},
 * {@code flows} (answers), {@code packets}, {@code bytes}, {@code targets} (distinct outside clients),
 * {@code description}, {@code evidence {sample_clients (up to 10, sorted), first_seen, last_seen}}, {@code job},
 * {@code id}. No {@code dst_ip}: the clients are many.
 */
public final class DnsOpenResolverJob implements JobDefinition {

    public static final String NAME = "dns_open_resolver";
    public static final String TYPE = "dns_open_resolver";
    public static final String LOCAL_NET = HostsJob.LOCAL_NET;
    public static final String ALLOWED_CLIENTS = "allowed-clients";
    public static final String ALLOWED_SERVERS = "allowed-servers";
    public static final String ALLOWED_DOMAINS = "allowed-domains";
    public static final String MIN_ANSWERS = "min-answers";
    public static final String PORT = "port";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "DNS servers of the local networks answering hosts outside them (open resolvers)";
    }

    @Override
    public List<JobParameter> parameters() {
        return WindowParameters.with("10m", "1m",
                JobParameter.required(LOCAL_NET, JobParameter.Type.CIDR_LIST,
                        "comma-separated IPv4/IPv6 CIDRs of the local networks"),
                JobParameter.unset(ALLOWED_CLIENTS, JobParameter.Type.CIDR_LIST,
                        "outside networks the local servers may answer, comma-separated CIDRs (unset: none)"),
                JobParameter.unset(ALLOWED_SERVERS, JobParameter.Type.CIDR_LIST,
                        "local servers that answer the world by design (authoritative), comma-separated CIDRs"),
                JobParameter.unset(ALLOWED_DOMAINS, JobParameter.Type.NAME_LIST,
                        "names whose answers do not count (the zones the servers are authoritative for), "
                                + "comma-separated; needs the exporter's query name"),
                JobParameter.optional(MIN_ANSWERS, JobParameter.Type.POSITIVE_INT, "10",
                        "answers to outside hosts within one window that make an alert"),
                JobParameter.optional(PORT, JobParameter.Type.POSITIVE_INT, "53", "the DNS port"));
    }

    @Override
    public OutputKind output() {
        return OutputKind.ALERTS;
    }

    @Override
    public Dataset<Row> apply(Dataset<Row> flows, JobParams params) {
        UserDefinedFunction local = CidrMatcher.function(params, LOCAL_NET);
        Column answer = col("protocol").isin(6, 17).and(col("src_port").equalTo(params.integer(PORT)))
                .and(col("src_ip").isNotNull()).and(col("dst_ip").isNotNull());
        Column toOutside = local.apply(col("src_ip")).and(not(local.apply(col("dst_ip"))));
        if (params.has(ALLOWED_CLIENTS)) {
            toOutside = toOutside.and(not(CidrMatcher.function(params, ALLOWED_CLIENTS).apply(col("dst_ip"))));
        }
        if (params.has(ALLOWED_SERVERS)) {
            toOutside = toOutside.and(not(CidrMatcher.function(params, ALLOWED_SERVERS).apply(col("src_ip"))));
        }
        if (params.has(ALLOWED_DOMAINS)) {
            Column name = lower(col("dns_name"));
            Column allowedName = lit(false);
            for (String d : params.names(ALLOWED_DOMAINS)) {
                allowedName = allowedName.or(name.equalTo(d)).or(name.endsWith("." + d))
                        .or(name.equalTo(d + ".")).or(name.endsWith("." + d + "."));
            }
            toOutside = toOutside.and(col("dns_name").isNull().or(not(allowedName)));
        }
        return flows.filter(answer).filter(toOutside)
                .withWatermark("flow_start", params.interval(WindowParameters.WATERMARK))
                .groupBy(window(col("flow_start"), params.interval(WindowParameters.WINDOW)).as("window"),
                        col("src_ip"))
                .agg(count(lit(1)).as("flows"), sum("packets").as("packets"), sum("bytes").as("bytes"),
                        collect_set("dst_ip").as("client_set"), min("flow_start").as("first_seen"),
                        max("flow_end").as("last_seen"))
                .withColumn("targets", size(col("client_set")))
                .filter(col("flows").geq(params.integer(MIN_ANSWERS)));
    }

    @Override
    public Dataset<Row> documents(Dataset<Row> batch, JobParams params) {
        return Documents.serialize(batch.select(
                col("first_seen").as("@timestamp"),
                lit(TYPE).as("type"),
                when(col("flows").geq(5L * params.integer(MIN_ANSWERS)), "high").otherwise("medium").as("severity"),
                col("src_ip"),
                col("window"), col("flows"), col("packets"), col("bytes"), col("targets"),
                format_string("%s answered %d DNS queries of %d hosts outside the local networks", col("src_ip"),
                        col("flows"), col("targets")).as("description"),
                struct(slice(array_sort(col("client_set")), 1, 10).as("sample_clients"), col("first_seen"),
                        col("last_seen")).as("evidence"),
                lit(NAME).as("job"),
                Documents.id(lit(TYPE), col("src_ip"), Documents.millis(col("window.start"))).as("id"),
                Documents.index(OutputKind.ALERTS, col("first_seen")).as("index")));
    }
}
