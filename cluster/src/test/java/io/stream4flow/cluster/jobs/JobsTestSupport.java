package io.stream4flow.cluster.jobs;

import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

import com.fasterxml.jackson.databind.JsonNode;

import io.stream4flow.cluster.FlowJson;
import io.stream4flow.cluster.FlowsView;
import io.stream4flow.cluster.TestSpark;

/** Runs a job as batch (apply, then documents) over crafted flows; returns the parsed documents. */
final class JobsTestSupport {

    /** 2023-11-14T22:13:20Z, a multiple of 60 s: windows of 10 s and 60 s start here. */
    static final long T0 = 1_700_000_000_000L - 1_700_000_000_000L % 60_000;

    private JobsTestSupport() {
    }

    static List<String> indices(JobDefinition job, Map<String, String> params, List<FlowJson> flows) {
        JobParams p = job.params(params);
        Dataset<Row> view = FlowsView.fromJson(
                TestSpark.jsonLines(flows.stream().map(FlowJson::json).toArray(String[]::new)), job.fields());
        return job.documents(job.apply(view, p), p).select("index").as(Encoders.STRING()).collectAsList();
    }

    static List<JsonNode> run(JobDefinition job, Map<String, String> params, List<FlowJson> flows) {
        JobParams p = job.params(params);
        Dataset<Row> view = FlowsView.fromJson(
                TestSpark.jsonLines(flows.stream().map(FlowJson::json).toArray(String[]::new)), job.fields());
        return TestSpark.docs(job.documents(job.apply(view, p), p));
    }
}
