package io.stream4flow.cluster.output;

import java.util.Map;
import java.util.function.Function;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.stream4flow.cluster.jobs.JobDefinition;
import io.stream4flow.cluster.jobs.OutputKind;

/**
 * Writes one micro-batch of a job's documents ({@code id, index, json}): to Elasticsearch (when configured) and,
 * for alerts, to the Kafka alerts topic with the id as message key, and to the host profiles of their addresses
 * when profiles are kept. Host profiles are merged into the stored ones (so their alerts stay).
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
    private final Function<Dataset<Row>, Dataset<Row>> profileLinks;
    private final Map<String, String> kafkaOptions;

    /**
     * @param elasticsearch where documents go, or {@code null} to write none to Elasticsearch
     * @param kafkaBootstrap {@code bootstrap.servers} for the alerts topic
     * @param alertsTopic alerts topic
     */
    public DocumentSink(ElasticsearchWriter elasticsearch, String kafkaBootstrap, String alertsTopic) {
        this(elasticsearch, kafkaBootstrap, alertsTopic, null);
    }

    /**
     * @param profileLinks alert documents to the host-profile documents to merge them into ({@code id, index,
     *     json}), or {@code null} when no host profiles are kept
     */
    public DocumentSink(ElasticsearchWriter elasticsearch, String kafkaBootstrap, String alertsTopic,
            Function<Dataset<Row>, Dataset<Row>> profileLinks) {
        this(elasticsearch, kafkaBootstrap, alertsTopic, profileLinks, Map.of());
    }

    /** @param kafkaOptions the Kafka sink's login options ({@code kafka.security.protocol}, ...), empty for none */
    public DocumentSink(ElasticsearchWriter elasticsearch, String kafkaBootstrap, String alertsTopic,
            Function<Dataset<Row>, Dataset<Row>> profileLinks, Map<String, String> kafkaOptions) {
        this.kafkaOptions = Map.copyOf(kafkaOptions);
        this.elasticsearch = elasticsearch;
        this.kafkaBootstrap = kafkaBootstrap;
        this.alertsTopic = alertsTopic;
        this.profileLinks = profileLinks;
    }

    /** Writes the documents of micro-batch {@code batchId} of {@code job}. */
    public void write(JobDefinition job, Dataset<Row> documents, long batchId) {
        Dataset<Row> docs = documents.persist();
        try {
            // computes the batch (and so advances the job's state) even when nothing is written
            long count = docs.count();
            long es = 0;
            if (elasticsearch != null && count > 0) {
                es = job.output() == OutputKind.PROFILES ? elasticsearch.merge(docs.toLocalIterator())
                        : elasticsearch.write(docs.toLocalIterator());
                if (job.output() == OutputKind.ALERTS && profileLinks != null) {
                    elasticsearch.merge(profileLinks.apply(docs).toLocalIterator());
                }
            }
            long kafka = 0;
            if (job.output() == OutputKind.ALERTS && count > 0) {
                Dataset<Row> messages = docs.selectExpr("id AS key", "json AS value");
                kafka = count;
                messages.write().format("kafka")
                        .option("kafka.bootstrap.servers", kafkaBootstrap)
                        .options(kafkaOptions)
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
