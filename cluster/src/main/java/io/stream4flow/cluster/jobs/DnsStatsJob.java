package io.stream4flow.cluster.jobs;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.window;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.streaming.OutputMode;

/**
 * {@code dns}: DNS statistics per tumbling window from the flows that carry DNS elements (Flowmon's
 * {@code dnsQname}, {@code dnsQtype}, {@code dnsFlagsCodes}, CESNET's DNS elements: the view's {@code dns_name},
 * {@code dns_qtype}, {@code dns_rcode}). Each such flow is one DNS transaction; its client is the side that is not
 * port {@code port}, its resolver the side that is. Counted per window: the queried names, the names answered
 * NXDOMAIN (rcode 3) except those containing a word of {@code nx-filter} (DNS blocklist lookups are NXDOMAIN by
 * design), response codes, record types, clients; with {@code local-net}, also the resolvers outside it used by
 * clients inside it, and the resolvers inside it queried by clients outside it.
 *
 * <p>Append mode, ranked in {@link #documents} as {@link TopNJob} does: one document per window, written once the
 * watermark passes the window's end, with the top {@code n} of each list in descending flows (ties: lexical order).
 *
 * <p>Document ({@code s4f-stats-*}): {@code {type:"dns", top_domains:[{name, flows}], top_nxdomains:[{name,
 * flows}], rcodes:[{rcode, flows}], qtypes:[{qtype, flows}], top_clients:[{ip, flows}],
 * external_resolvers:[{ip, flows}], local_resolvers_queried_from_outside:[{ip, flows}], window, @timestamp (=
 * window start), id}}; names in lower case without the trailing dot.
 */
public final class DnsStatsJob implements JobDefinition {

    public static final String NAME = "dns";
    public static final String N = "n";
    public static final String LOCAL_NET = HostsJob.LOCAL_NET;
    public static final String NX_FILTER = "nx-filter";
    public static final String PORT = "port";
    /** The kinds of counted values, in the document's order, with the name of the value in their list. */
    private static final String[][] KINDS = {{"domain", "top_domains", "name"}, {"nxdomain", "top_nxdomains", "name"},
        {"rcode", "rcodes", "rcode"}, {"qtype", "qtypes", "qtype"}, {"client", "top_clients", "ip"},
        {"external", "external_resolvers", "ip"}, {"local_from_outside", "local_resolvers_queried_from_outside", "ip"}};

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "DNS statistics: names, NXDOMAIN names, response codes, record types, clients, resolvers";
    }

    @Override
    public List<JobParameter> parameters() {
        return WindowParameters.with("5m", "30s",
                JobParameter.optional(N, JobParameter.Type.POSITIVE_INT, "10", "entries kept in each list"),
                JobParameter.unset(LOCAL_NET, JobParameter.Type.CIDR_LIST,
                        "comma-separated CIDRs of the local networks: enables the resolver lists"),
                JobParameter.optional(NX_FILTER, JobParameter.Type.NAME_LIST, "uribl,spameatingmonkey,spamhaus",
                        "names containing one of these words are left out of the NXDOMAIN list (blocklist lookups; "
                                + "the original Stream4Flow's filtered_out_domains.txt)"),
                JobParameter.optional(PORT, JobParameter.Type.POSITIVE_INT, "53", "the resolvers' port"));
    }

    @Override
    public OutputMode outputMode() {
        return OutputMode.Append();
    }

    @Override
    public Dataset<Row> apply(Dataset<Row> flows, JobParams params) {
        int port = params.integer(PORT);
        Column resolverSide = col("src_port").equalTo(port);
        Column client = when(resolverSide, col("dst_ip")).otherwise(col("src_ip"));
        Column resolver = when(resolverSide, col("src_ip")).otherwise(col("dst_ip"));
        Column name = regexp_replace(lower(col("dns_name")), "\\.$", "");
        Column filtered = lit(false);
        for (String word : params.names(NX_FILTER)) {
            filtered = filtered.or(name.contains(word));
        }
        Column nx = when(col("dns_rcode").equalTo(3).and(not(filtered)), name);
        Column external = lit(null).cast("string");
        Column fromOutside = lit(null).cast("string");
        if (params.has(LOCAL_NET)) {
            UserDefinedFunction local = CidrMatcher.function(params, LOCAL_NET);
            external = when(local.apply(client).and(not(local.apply(resolver))), resolver);
            fromOutside = when(local.apply(resolver).and(not(local.apply(client))), resolver);
        }
        Column facts = array(fact("domain", name), fact("nxdomain", nx),
                fact("rcode", col("dns_rcode").cast("string")), fact("qtype", col("dns_qtype").cast("string")),
                fact("client", client), fact("external", external), fact("local_from_outside", fromOutside));
        return flows.filter(col("dns_name").isNotNull().or(col("dns_rcode").isNotNull())
                        .or(col("dns_qtype").isNotNull()))
                .withWatermark("flow_start", params.interval(WindowParameters.WATERMARK))
                .select(col("flow_start"), explode(facts).as("f"))
                .filter(col("f.value").isNotNull())
                .groupBy(window(col("flow_start"), params.interval(WindowParameters.WINDOW)).as("window"),
                        col("f.kind").as("kind"), col("f.value").as("value"))
                .agg(count(lit(1)).as("flows"));
    }

    private static Column fact(String kind, Column value) {
        return struct(lit(kind).as("kind"), value.as("value"));
    }

    @Override
    public Dataset<Row> documents(Dataset<Row> batch, JobParams params) {
        Dataset<Row> ranked = batch
                .withColumn("rank", row_number().over(Window.partitionBy(col("window"), col("kind"))
                        .orderBy(col("flows").desc(), col("value"))))
                .filter(col("rank").leq(params.integer(N)));
        Column entries = array_sort(collect_list(struct(col("rank"), col("kind"), col("value"), col("flows"))));
        List<Column> out = new ArrayList<>(List.of(lit(NAME).as("type")));
        for (String[] k : KINDS) {
            boolean numeric = k[0].equals("rcode") || k[0].equals("qtype");
            out.add(transform(filter(col("entries"), e -> e.getField("kind").equalTo(k[0])),
                    e -> struct((numeric ? e.getField("value").cast("int") : e.getField("value")).as(k[2]),
                            e.getField("flows").as("flows"))).as(k[1]));
        }
        out.add(col("window"));
        out.add(col("window.start").as("@timestamp"));
        out.add(Documents.id(lit(NAME), Documents.millis(col("window.start"))).as("id"));
        out.add(Documents.index(OutputKind.STATISTICS, col("window.start")).as("index"));
        return Documents.serialize(ranked.groupBy(col("window")).agg(entries.as("entries"))
                .select(out.toArray(Column[]::new)));
    }
}
