/**
 * Real servers on this machine, each in a JVM of its own, for {@code s4fctl up} and integration tests: the
 * Kafka broker ({@link io.stream4flow.localstack.KafkaBroker}) and the Elasticsearch node
 * ({@link io.stream4flow.localstack.ElasticsearchNode}). The JUnit fixtures that share one of each across a test run
 * are in {@link io.stream4flow.localstack.testing}.
 */
package io.stream4flow.localstack;
