package io.stream4flow.cluster;

import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one local SparkSession of the test JVM (local[2], 2 shuffle partitions, no UI, UTC), created on first use
 * and stopped by Spark's own shutdown hook; plus small helpers over it.
 */
public final class TestSpark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SparkSession spark;

    private TestSpark() {
    }

    /** The shared session. */
    public static synchronized SparkSession session() {
        if (spark == null) {
            spark = SparkSession.builder()
                    .master("local[2]")
                    .appName("stream4flow-cluster-tests")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.sql.streaming.noDataMicroBatches.enabled", "true")
                    .getOrCreate();
            spark.sparkContext().setLogLevel("WARN");
        }
        return spark;
    }

    /** A one-column ({@code value}, string) Dataset of the given JSON lines. */
    public static Dataset<Row> jsonLines(String... lines) {
        return session().createDataset(Arrays.asList(lines), Encoders.STRING()).toDF("value");
    }

    /** The {@code json} column of a documents Dataset, parsed, sorted by their text. */
    public static List<JsonNode> docs(Dataset<Row> documents) {
        return documents.select("json").as(Encoders.STRING()).collectAsList().stream().sorted()
                .map(TestSpark::parse).toList();
    }

    /** Parses one JSON document. */
    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
