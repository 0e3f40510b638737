package io.stream4flow.cluster.jobs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.OutputMode;

import io.stream4flow.cluster.FlowsView;

/**
 * A job of the catalog: a pure analysis over the flows view and the shaping of its results into documents.
 *
 * <p>Running a job (done by the runner, never by the job) is: {@code flows -> apply} as a streaming query in
 * {@link #outputMode()}, then on every micro-batch {@code documents(batch)} written to {@link #output()}.
 * Both functions are pure {@code Dataset -> Dataset}, so tests call them on static Datasets.
 */
public interface JobDefinition {

    /** Name used in {@code --job} and {@code --param name.key=value}, also the document's {@code job}. */
    String name();

    /** One sentence for the CLI's job list. */
    String description();

    /** Declared parameters; every job has at least {@code window} and {@code watermark}. */
    List<JobParameter> parameters();

    /** Where the documents go; statistics unless the job says otherwise. */
    default OutputKind output() {
        return OutputKind.STATISTICS;
    }

    /**
     * Output mode of the streaming query over {@link #apply}; update (a window's row each time it changes)
     * unless the job says otherwise.
     */
    default OutputMode outputMode() {
        return OutputMode.Update();
    }

    /** Whether the job reads the {@code fields} map of the view (costly, see {@link FlowsView}). */
    default FlowsView.Fields fields() {
        return FlowsView.Fields.OMITTED;
    }

    /**
     * The analysis: event-time windows on {@code flow_start} with a watermark. Streaming or batch input; the
     * result is what the streaming query keeps state for and emits per micro-batch.
     */
    Dataset<Row> apply(Dataset<Row> flows, JobParams params);

    /**
     * Shapes one micro-batch of {@link #apply}'s output (a static Dataset) into documents: the columns
     * {@code id} (deterministic, the Elasticsearch {@code _id} and Kafka key), {@code index} (target index),
     * {@code json} (the document).
     */
    Dataset<Row> documents(Dataset<Row> batch, JobParams params);

    /**
     * Validates raw parameters ({@code key -> text}) and fills in defaults.
     *
     * @throws IllegalArgumentException one line naming this job and the key: unknown key, missing required
     *     parameter, or a value its type rejects
     */
    default JobParams params(Map<String, String> raw) {
        Map<String, JobParameter> declared = parameters().stream()
                .collect(Collectors.toMap(JobParameter::name, p -> p));
        for (String key : raw.keySet()) {
            if (!declared.containsKey(key)) {
                throw new IllegalArgumentException("job " + name() + ": unknown parameter " + key + " (known: "
                        + String.join(", ", declared.keySet().stream().sorted().toList()) + ")");
            }
        }
        Map<String, Object> values = new HashMap<>();
        for (JobParameter p : parameters()) {
            String text = raw.containsKey(p.name()) ? raw.get(p.name()) : p.defaultValue();
            if (text == null) {
                if (p.required()) {
                    throw new IllegalArgumentException("job " + name() + ": parameter " + p.name()
                            + " is required (" + p.description() + ")");
                }
                continue;
            }
            values.put(p.name(), p.parse(name(), text));
        }
        return new JobParams(name(), values);
    }
}
