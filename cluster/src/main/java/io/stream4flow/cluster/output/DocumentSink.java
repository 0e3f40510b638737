package io.stream4flow.cluster.output;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.stream4flow.cluster.jobs.JobDefinition;
import io.stream4flow.cluster.jobs.OutputKind;

/**
 * Writes one micro-batch of a job's documents ({@code id, index, json}): to Elasticsearch (when configured) and,
 * for alerts, to the Kafka alerts topic with the id as message key.
 *
 * <p>Called on the driver from the query's foreachBatch. Any failure throws, failing the micro-batch; Spark then
 * re-runs it from the checkpoint: Elasticsearch ends with one document per id, the alerts topic may carry the
 * same alert twice (same key and content).
 */
public final class DocumentSink {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentSink.class);

    private final ElasticsearchWriter elasticsearch;
    private final String kafkaBootstrap;
    private final String alertsTopic;

    /**
     * @param elasticsearch where documents go, or {@code null} to write none to Elasticsearch
     * @param kafkaBootstrap {@code bootstrap.servers} for the alerts topic
     * @param alertsTopic alerts topic
     */
    public DocumentSink(ElasticsearchWriter elasticsearch, String kafkaBootstrap, String alertsTopic) {
        this.elasticsearch = elasticsearch;
        this.kafkaBootstrap = kafkaBootstrap;
        this.alertsTopic = alertsTopic;
    }

    /** Writes the documents of micro-batch {@code batchId} of {@code job}. */
    public void write(JobDefinition job, Dataset<Row> documents, long batchId) {
        Dataset<Row> docs = documents.persist();
        try {
            // computes the batch (and so advances the job's state) even when nothing is written
            long count = docs.count();
            long es = elasticsearch == null || count == 0 ? 0 : elasticsearch.write(docs.toLocalIterator());
            long kafka = 0;
            if (job.output() == OutputKind.ALERTS && count > 0) {
                Dataset<Row> messages = docs.selectExpr("id AS key", "json AS value");
                kafka = count;
                messages.write().format("kafka")
                        .option("kafka.bootstrap.servers", kafkaBootstrap)
                        .option("topic", alertsTopic)
                        .save();
            }
            if (es > 0 || kafka > 0) {
                LOG.debug("{} batch {}: {} documents to Elasticsearch, {} alerts to Kafka", job.name(), batchId, es,
                        kafka);
            }
        } finally {
            docs.unpersist();
        }
    }
}
