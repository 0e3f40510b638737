package io.stream4flow.cluster.jobs;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.timestamp_millis;
import static org.apache.spark.sql.functions.when;

import io.stream4flow.cluster.jobs.pattern.BiflowMatcher;
import io.stream4flow.cluster.jobs.pattern.PatternConfig;
import io.stream4flow.schema.net.Cidr;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;

/**
 * {@code pattern_finder}: the original Stream4Flow's similarity detection, driven by a configuration in its YAML
 * format ({@link PatternConfig}; {@code config}, by default the bundled SSH brute-force configuration with the
 * patterns of hydra, medusa and ncrack). The flows that pass the configuration's filters are paired into biflows
 * (a request and its response, {@link BiflowMatcher}); each biflow's distance to each pattern,
 * {@code sqrt(sum(((v - p) / p)^2))} over the request's and the response's compared values, adds the weight of its
 * interval to that pattern's distribution for (request host, response host, window). A window whose distribution
 * of some pattern has left-half weights of at least {@code limit} and more than its right half is an alert: the
 * closest patterns are those with the largest left half.
 *
 * <p>Unlike the original, biflows pair across micro-batches on event time, a window's distributions are final when
 * the watermark passes it, and a key is reported in the micro-batch in which it becomes anomalous and updated
 * under the same {@code id} (type, configuration, request host, response host, window start) as more biflows
 * come.
 *
 * <p>Alert: {@code @timestamp} (first flow), {@code type} {@code pattern_finder}, {@code severity} from the
 * original's confidence, the closest pattern's left-to-right ratio ({@code high} from 2, {@code medium} from
 * 1.25, else {@code low}), {@code src_ip} (request side: the client), {@code dst_ip} (the server), {@code dst_port}
 * (the server's port), {@code window}, {@code flows} (biflows), {@code packets} and {@code bytes} (both
 * directions), {@code targets} 1, {@code description}, {@code evidence {configuration, closest_patterns,
 * confidence, ratio, patterns [{name, distribution, left, right}], first_seen, last_seen}}, {@code job},
 * {@code id}.
 */
public final class PatternFinderJob implements JobDefinition {

    public static final String NAME = "pattern_finder";
    public static final String TYPE = "pattern_finder";
    public static final String CONFIG = "config";
    /** The bundled configuration (the original's SSH brute-force one). */
    static final String DEFAULT_CONFIG = "pattern_finder_ssh_configuration.yml";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Configurable similarity detection over biflows in the original's YAML format (default: SSH brute"
                + " force by hydra, medusa, ncrack)";
    }

    @Override
    public List<JobParameter> parameters() {
        return List.of(
                JobParameter.unset(WindowParameters.WINDOW, JobParameter.Type.DURATION,
                        "tumbling event-time window on flow_start (default: the configuration's window)"),
                JobParameter.optional(WindowParameters.WATERMARK, JobParameter.Type.DURATION, "1m",
                        "how late (event time behind the latest seen flow_start) a flow may arrive and still count"),
                JobParameter.unset(CONFIG, JobParameter.Type.FILE,
                        "pattern-finder configuration (YAML, the original's format; default: the bundled SSH"
                                + " brute-force configuration)"));
    }

    @Override
    public OutputKind output() {
        return OutputKind.ALERTS;
    }

    /** Validates the configuration file with the other parameters, so that a bad one stops the job's start. */
    @Override
    public JobParams params(Map<String, String> raw) {
        JobParams p = JobDefinition.super.params(raw);
        try {
            config(p);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("job " + NAME + ": parameter " + CONFIG + ": " + e.getMessage());
        }
        return p;
    }

    /** The configuration the parameters name, with the {@code window} parameter applied. */
    static PatternConfig config(JobParams params) {
        PatternConfig c;
        if (params.has(CONFIG)) {
            Path path = Path.of(params.file(CONFIG));
            try {
                c = PatternConfig.parse(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalArgumentException(path + ": " + e.getMessage());
            }
        } else {
            try (InputStream in = PatternFinderJob.class.getResourceAsStream(DEFAULT_CONFIG)) {
                c = PatternConfig.parse(DEFAULT_CONFIG, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (params.has(WindowParameters.WINDOW)) {
            c = new PatternConfig(c.name(), params.duration(WindowParameters.WINDOW), c.filters(), c.key(),
                    c.values(), c.patterns(), c.distributions());
        }
        return c;
    }

    @Override
    public Dataset<Row> apply(Dataset<Row> flows, JobParams params) {
        PatternConfig c = config(params);
        PatternConfig.Biflow k = c.key();
        Column keep = col(k.srcIp()).isNotNull().and(col(k.dstIp()).isNotNull()).and(col(k.srcPort()).isNotNull())
                .and(col(k.dstPort()).isNotNull()).and(col(k.flowStart()).isNotNull())
                .and(col(k.srcIp()).notEqual(col(k.dstIp())));
        for (PatternConfig.Filter f : c.filters()) {
            keep = keep.and(filter(f));
        }
        List<Column> values = new ArrayList<>();
        for (PatternConfig.Value v : c.comparedValues()) {
            values.add(value(v));
        }
        Dataset<Row> selected = flows.filter(keep).select(col(k.srcIp()).as("a"), col(k.dstIp()).as("b"),
                col(k.srcPort()).cast("int").as("sp"), col(k.dstPort()).cast("int").as("dp"),
                Documents.millis(col(k.flowStart())).as("start"), Documents.millis(col("flow_end")).as("end"),
                col("packets").as("pk"), col("bytes").as("by"), array(values.toArray(Column[]::new)).as("v"),
                concat_ws("|", least(col(k.srcIp()), col(k.dstIp())), greatest(col(k.srcIp()), col(k.dstIp())))
                        .as("pair"),
                col(k.flowStart()).as("t"));
        boolean streaming = flows.isStreaming();
        if (streaming) {
            selected = selected.withWatermark("t", params.interval(WindowParameters.WATERMARK));
        }
        int pair = 9;
        return selected.groupByKey((MapFunction<Row, String>) r -> r.getString(pair), Encoders.STRING())
                .flatMapGroupsWithState(new BiflowMatcher(c, streaming), OutputMode.Update(),
                        Encoders.javaSerialization(BiflowMatcher.State.class), Encoders.row(BiflowMatcher.SCHEMA),
                        streaming ? GroupStateTimeout.EventTimeTimeout() : GroupStateTimeout.NoTimeout());
    }

    /** A filter rule: true when one of its columns passes; a missing value passes nothing (as in the original). */
    private static Column filter(PatternConfig.Filter f) {
        Column any = lit(false);
        for (String name : f.columns()) {
            Column c = col(name);
            Object first = f.values().isEmpty() ? null : f.values().get(0);
            Column test = switch (f.type()) {
                case "exists" -> c.isNotNull();
                case "int" -> c.cast("double").isin(f.values().toArray());
                case "nin" -> not(c.cast("double").isin(f.values().toArray()));
                case "ip" -> CidrMatcher.function(f.values().stream().flatMap(v -> Cidr.parseList((String) v)
                        .stream()).toList()).apply(c);
                case "eq" -> comparable(c, first).equalTo(first);
                case "ne" -> comparable(c, first).notEqual(first);
                case "lt" -> comparable(c, first).lt(first);
                case "le" -> comparable(c, first).leq(first);
                case "gt" -> comparable(c, first).gt(first);
                case "ge" -> comparable(c, first).geq(first);
                default -> throw new IllegalArgumentException(f.type());
            };
            any = any.or(coalesce(test, lit(false)));
        }
        return any;
    }

    private static Column comparable(Column c, Object value) {
        return value instanceof Double ? c.cast("double") : c.cast("string");
    }

    /** A compared vector value as a double column (times as epoch ms, as the original's elements were). */
    private static Column value(PatternConfig.Value v) {
        Column out = number(v.columns().get(0));
        for (int i = 1; i < v.columns().size(); i++) {
            Column next = number(v.columns().get(i));
            out = switch (v.operator()) {
                case "add" -> out.plus(next);
                case "sub" -> out.minus(next);
                case "mul" -> out.multiply(next);
                case "truediv" -> out.divide(next);
                default -> throw new IllegalArgumentException(v.operator());
            };
        }
        return out.cast("double");
    }

    private static Column number(String column) {
        return column.equals("flow_start") || column.equals("flow_end") ? Documents.millis(col(column)).cast("double")
                : col(column).cast("double");
    }

    @Override
    public Dataset<Row> documents(Dataset<Row> batch, JobParams params) {
        PatternConfig c = config(params);
        Column ratio = when(col("right").gt(0), col("left").divide(col("right")));
        Column confidence = when(col("right").equalTo(0).or(ratio.geq(5)), "very high").when(ratio.geq(2), "high")
                .when(ratio.geq(1.25), "medium").when(ratio.geq(1.1), "low").otherwise("very low");
        Column severity = when(col("right").equalTo(0).or(ratio.geq(2)), "high").when(ratio.geq(1.25), "medium")
                .otherwise("low");
        Column firstSeen = timestamp_millis(col("first_seen"));
        return Documents.serialize(batch.select(
                firstSeen.as("@timestamp"),
                lit(TYPE).as("type"),
                severity.as("severity"),
                col("src_ip"), col("dst_ip"), col("dst_port"),
                struct(timestamp_millis(col("window_start")).as("start"), timestamp_millis(col("window_end"))
                        .as("end")).as("window"),
                col("flows"), col("packets"), col("bytes"), lit(1L).as("targets"),
                format_string("%s made %d connections to %s port %d resembling %s (%s)", col("src_ip"), col("flows"),
                        col("dst_ip"), col("dst_port"), concat_ws(", ", col("closest_patterns")), lit(c.name()))
                        .as("description"),
                struct(lit(c.name()).as("configuration"), col("closest_patterns"), confidence.as("confidence"),
                        ratio.as("ratio"), col("patterns"), firstSeen.as("first_seen"),
                        timestamp_millis(col("last_seen")).as("last_seen")).as("evidence"),
                lit(NAME).as("job"),
                Documents.id(lit(TYPE), lit(c.name()), col("src_ip"), col("dst_ip"), col("window_start")).as("id"),
                Documents.index(OutputKind.ALERTS, firstSeen).as("index")));
    }
}
