package io.stream4flow.cluster.runner;

import io.stream4flow.schema.RecordFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where a query reads and writes, shared by every job of one runner.
 *
 * @param bootstrap Kafka {@code bootstrap.servers}
 * @param flowsTopic topic of flow records
 * @param inputFormat how they are encoded: flow JSON or Avro flow records (the collector's {@code ?format=})
 * @param alertsTopic topic alerts go to
 * @param checkpointDir parent of one checkpoint directory per job (named after the job)
 * @param startingOffsets {@code latest}, {@code earliest}, or {@code @<epoch ms>} (the first record at or after
 *     that time): where a query without a checkpoint starts
 * @param trigger micro-batch interval, or {@code null} to process what is available now and stop
 * @param maxOffsetsPerTrigger Kafka messages per micro-batch at most (a block of Avro records is one), or 0 for no limit
 * @param kafkaOptions the Kafka source's login options ({@link ClientLogins#kafkaOptions()}), empty for PLAINTEXT
 */
public record RunnerConfig(String bootstrap, String flowsTopic, RecordFormat inputFormat, String alertsTopic, Path checkpointDir,
        String startingOffsets, Duration trigger, long maxOffsetsPerTrigger, Map<String, String> kafkaOptions) {
}
