package io.stream4flow.cluster.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.window;

import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code ssh_bruteforce}: many short, login-sized TCP connections from one source to one SSH server. A flow counts as
 * a login attempt when it goes to TCP port {@code port} (the client's direction: the source is the client), carries
 * between {@code min-packets} and {@code max-packets} packets and at most {@code max-bytes} bytes, and lasts at most
 * {@code max-duration}: a password tried and refused is a dozen or two packets and a few kilobytes in a few seconds;
 * an interactive session or an scp upload is longer or larger and does not count. Key (src_ip, dst_ip) per tumbling
 * window; an alert is due when the attempts reach {@code min-attempts}.
 *
 * <p>Semantics as {@link PortscanJob}: update mode, emitted in the micro-batch in which the key crosses the threshold,
 * re-emitted under the same {@code id} (type, source, server, window start) with larger numbers as more attempts
 * arrive in that window.
 *
 * <p>Alert: {@code @timestamp} (first attempt), {@code type} {@code ssh_bruteforce}, {@code severity} ({@code high}
 * from 5 &times; min-attempts, else {@code medium}), {@code src_ip} (the client making the attempts), {@code dst_ip}
 * (the server), {@code dst_port}, {@code window}, {@code flows} (attempts), {@code packets}, {@code bytes},
 * {@code targets} (1: one server), {@code description}, {@code evidence {attempts, avg_packets, avg_bytes,
 * first_seen, last_seen}}, {@code job}, {@code id}.
 */
public final class SshBruteforceJob implements JobDefinition {

    public static final String NAME = "ssh_bruteforce";
    public static final String TYPE = "ssh_bruteforce";
    public static final String MIN_ATTEMPTS = "min-attempts";
    public static final String PORT = "port";
    public static final String MIN_PACKETS = "min-packets";
    public static final String MAX_PACKETS = "max-packets";
    public static final String MAX_BYTES = "max-bytes";
    public static final String MAX_DURATION = "max-duration";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "SSH password guessing: many short login-sized connections from one source to one server";
    }

    @Override
    public List<JobParameter> parameters() {
        return WindowParameters.with("5m", "1m",
                JobParameter.optional(MIN_ATTEMPTS, JobParameter.Type.POSITIVE_INT, "30",
                        "login-sized connections from one source to one server within one window that make an attack"),
                JobParameter.optional(PORT, JobParameter.Type.POSITIVE_INT, "22", "the SSH servers' TCP port"),
                JobParameter.optional(MIN_PACKETS, JobParameter.Type.POSITIVE_INT, "4",
                        "fewest packets (client to server) of a login attempt: fewer is a probe or a scan"),
                JobParameter.optional(MAX_PACKETS, JobParameter.Type.POSITIVE_INT, "60",
                        "most packets (client to server) of a login attempt: more is a session"),
                JobParameter.optional(MAX_BYTES, JobParameter.Type.POSITIVE_INT, "12000",
                        "most bytes (client to server) of a login attempt: more is a session or a copy"),
                JobParameter.optional(MAX_DURATION, JobParameter.Type.DURATION, "30s",
                        "longest login attempt: longer is a session"));
    }

    @Override
    public OutputKind output() {
        return OutputKind.ALERTS;
    }

    /** The flows that look like one SSH login attempt (client to server). */
    static Column loginAttempt(JobParams params) {
        Column durationMs = unix_millis(col("flow_end")).minus(unix_millis(col("flow_start")));
        return col("protocol").equalTo(6).and(col("dst_port").equalTo(params.integer(PORT)))
                .and(col("src_ip").isNotNull()).and(col("dst_ip").isNotNull())
                .and(col("packets").between(params.integer(MIN_PACKETS), params.integer(MAX_PACKETS)))
                .and(col("bytes").leq(params.integer(MAX_BYTES)))
                .and(durationMs.leq(params.duration(MAX_DURATION).toMillis()));
    }

    @Override
    public Dataset<Row> apply(Dataset<Row> flows, JobParams params) {
        return flows.filter(loginAttempt(params))
                .withWatermark("flow_start", params.interval(WindowParameters.WATERMARK))
                .groupBy(window(col("flow_start"), params.interval(WindowParameters.WINDOW)).as("window"),
                        col("src_ip"), col("dst_ip"))
                .agg(count(lit(1)).as("flows"), sum("packets").as("packets"), sum("bytes").as("bytes"),
                        min("flow_start").as("first_seen"), max("flow_end").as("last_seen"))
                .filter(col("flows").geq(params.integer(MIN_ATTEMPTS)));
    }

    @Override
    public Dataset<Row> documents(Dataset<Row> batch, JobParams params) {
        return Documents.serialize(batch.select(
                col("first_seen").as("@timestamp"),
                lit(TYPE).as("type"),
                when(col("flows").geq(5L * params.integer(MIN_ATTEMPTS)), "high").otherwise("medium").as("severity"),
                col("src_ip"),
                col("dst_ip"),
                lit(params.integer(PORT)).as("dst_port"),
                col("window"), col("flows"), col("packets"), col("bytes"), lit(1L).as("targets"),
                format_string("%s made %d SSH login attempts to %s", col("src_ip"), col("flows"), col("dst_ip"))
                        .as("description"),
                struct(col("flows").as("attempts"), round(col("packets").divide(col("flows")), 1).as("avg_packets"),
                        round(col("bytes").divide(col("flows")), 0).as("avg_bytes"), col("first_seen"),
                        col("last_seen")).as("evidence"),
                lit(NAME).as("job"),
                Documents.id(lit(TYPE), col("src_ip"), col("dst_ip"), Documents.millis(col("window.start"))).as("id"),
                Documents.index(OutputKind.ALERTS, col("first_seen")).as("index")));
    }
}
