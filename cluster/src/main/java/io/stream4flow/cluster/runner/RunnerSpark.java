package io.stream4flow.cluster.runner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.SparkSession;

/** The Spark session of the runner and of the other drivers of this module (analyze, the topic read rate). */
public final class RunnerSpark {
    private RunnerSpark() {
    }

    /**
     * The runner's Spark session: {@code master}, UTC session time, {@code shufflePartitions}, no UI for local
     * masters.
     */
    public static SparkSession session(String master, int shufflePartitions) {
        return session(master, shufflePartitions, Map.of());
    }

    /** {@link #session(String, int)} with more settings ({@code --spark-conf}). */
    public static SparkSession session(String master, int shufflePartitions, Map<String, String> more) {
        SparkSession.Builder b = SparkSession.builder()
                .appName("stream4flow-cluster")
                .master(master)
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions));
        for (Map.Entry<String, String> e : more.entrySet()) {
            b = b.config(e.getKey(), e.getValue());
        }
        if (master.startsWith("local")) {
            b = b.config("spark.ui.enabled", "false");
        }
        return b.getOrCreate();
    }

    /** {@code --spark-conf} values as settings; {@link IllegalArgumentException} for one that is not KEY=VALUE. */
    public static Map<String, String> settings(List<String> sparkConf) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String kv : sparkConf) {
            int eq = kv.indexOf('=');
            if (eq <= 0 || !kv.startsWith("spark.")) {
                throw new IllegalArgumentException("--spark-conf " + kv + ": expected spark.KEY=VALUE");
            }
            out.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return out;
    }
}
