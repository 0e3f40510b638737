package io.stream4flow.cluster.jobs;

import io.stream4flow.schema.Indices;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.call_function;

import java.util.Arrays;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Column helpers shared by the jobs for document ids, index names and serialization. */
public final class Documents {

    private Documents() {
    }

    /**
     * A deterministic document id: the first 32 hex digits (128 bits) of SHA-256 over the parts' text joined
     * with {@code |} (null parts as empty); timestamps should be passed as {@link #millis(Column)}.
     */
    public static Column id(Column... parts) {
        Column[] texts = Arrays.stream(parts).map(p -> coalesce(p.cast("string"), lit(""))).toArray(Column[]::new);
        return substring(sha2(concat_ws("|", texts), 256), 1, 32);
    }

    /** Epoch milliseconds of a timestamp column. */
    public static Column millis(Column timestamp) {
        return call_function("unix_millis", timestamp);
    }

    /** {@code <prefix>YYYY.MM.DD} of the event time (the session time zone, UTC in the runner and tests). */
    public static Column index(OutputKind kind, Column eventTime) {
        return concat(lit(kind.indexPrefix()), date_format(eventTime, Indices.DATE_PATTERN));
    }

    /**
     * {@code id, index, json}: {@code json} is every column of {@code docs} except {@code index} as one JSON
     * object (null fields left out, timestamps ISO 8601 in the session zone).
     */
    public static Dataset<Row> serialize(Dataset<Row> docs) {
        Column[] body = Arrays.stream(docs.columns()).filter(c -> !c.equals("index")).map(c -> col("`" + c + "`"))
                .toArray(Column[]::new);
        return docs.select(col("id"), col("index"), to_json(struct(body)).as("json"));
    }
}
