package io.stream4flow.cluster.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

import io.stream4flow.cluster.FlowsView;

/**
 * A user-defined job: a continuous Spark SQL query over the flows view, registered as the table {@value #TABLE}
 * (event time {@code flow_start}, watermark {@code watermark}), for instance {@code SELECT src_ip, count(*) AS flows
 * FROM flows GROUP BY window(flow_start, '1 minute'), src_ip HAVING count(*) > 1000}. Update mode: a result row is
 * emitted when it changes.
 *
 * <p>Each result row becomes an alert ({@code --sql-emit alerts}, the default) in the one alert shape: {@code type}
 * the job's name, {@code severity} {@code medium}, {@code src_ip} / {@code dst_ip} / {@code window} from the row's
 * columns of those names when it has them, {@code evidence} the whole row, {@code description} the query's name and
 * the row; or a statistics document ({@code stats}: {@code type} the name and the row's columns). The {@code id} is
 * the name and the row's non-numeric columns (its keys, as a rule), so a row updated with larger counts keeps its id.
 * {@code @timestamp} is the row's {@code window.start} when it has one, else the time of the micro-batch. Select
 * the window ({@code SELECT window, src_ip, ...}) to have it in the documents and their ids: without it, the rows of
 * one key in every window share one id, the last written.
 */
public final class SqlJob implements JobDefinition {
    /** The name the flows view has in the query. */
    public static final String TABLE = "flows";

    private final String name;
    private final String query;
    private final OutputKind output;

    /**
     * @param output {@link OutputKind#ALERTS} or {@link OutputKind#STATISTICS}
     * @throws IllegalArgumentException for a name that is not a lower-case word, or another output
     */
    public SqlJob(String name, String query, OutputKind output) {
        if (name == null || !name.matches("[a-z][a-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("--sql-name: expected a lower-case word (a-z, 0-9, _), got '" + name
                    + "'");
        }
        if (output == OutputKind.PROFILES) {
            throw new IllegalArgumentException("--sql-emit: expected alerts or stats");
        }
        this.name = name;
        this.query = query;
        this.output = output;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "user SQL: " + query;
    }

    @Override
    public List<JobParameter> parameters() {
        return List.of(JobParameter.optional(WindowParameters.WATERMARK, JobParameter.Type.DURATION, "1m",
                "how late (event time behind the latest seen flow_start) a flow may arrive and still count"));
    }

    @Override
    public OutputKind output() {
        return output;
    }

    /**
     * Checks the query against the flows view's columns before anything starts.
     *
     * @throws IllegalArgumentException with Spark's message for a query that does not analyse
     */
    public void validate(SparkSession spark) {
        Dataset<Row> empty = FlowsView.fromJson(spark.createDataset(List.<String>of(), Encoders.STRING())
                .toDF("value"), fields());
        try {
            run(empty).schema();
        } catch (Exception e) { // Spark's AnalysisException (ParseException too) is checked, yet undeclared
            if (!(e instanceof AnalysisException)) {
                throw e;
            }
            throw new IllegalArgumentException("--sql-query: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private Dataset<Row> run(Dataset<Row> flows) {
        flows.createOrReplaceTempView(TABLE);
        return flows.sparkSession().sql(query);
    }

    @Override
    public Dataset<Row> apply(Dataset<Row> flows, JobParams params) {
        return run(flows.withWatermark("flow_start", params.interval(WindowParameters.WATERMARK)));
    }

    @Override
    public Dataset<Row> documents(Dataset<Row> batch, JobParams params) {
        Set<String> columns = Set.of(batch.columns());
        Column row = struct(Arrays.stream(batch.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new));
        List<Column> keys = new ArrayList<>();
        for (StructField f : batch.schema().fields()) {
            if (!(f.dataType() instanceof NumericType)) {
                keys.add(col("`" + f.name() + "`"));
            }
        }
        Column keyText = keys.isEmpty() ? lit("") : to_json(struct(keys.toArray(Column[]::new)));
        Column time = columns.contains("window") ? col("window.start") : current_timestamp();
        List<Column> out = new ArrayList<>(List.of(time.as("@timestamp"), lit(name).as("type")));
        if (output == OutputKind.ALERTS) {
            out.add(lit("medium").as("severity"));
            for (String c : List.of("src_ip", "dst_ip", "window")) {
                if (columns.contains(c)) {
                    out.add(col(c));
                }
            }
            out.add(concat(lit(name + ": "), to_json(row)).as("description"));
            out.add(row.as("evidence"));
            out.add(lit(name).as("job"));
        } else {
            for (String c : batch.columns()) {
                if (!c.equals("type") && !c.equals("@timestamp")) {
                    out.add(col("`" + c + "`"));
                }
            }
        }
        out.add(Documents.id(lit(name), keyText).as("id"));
        out.add(Documents.index(output, time).as("index"));
        return Documents.serialize(batch.select(out.toArray(Column[]::new)));
    }
}
