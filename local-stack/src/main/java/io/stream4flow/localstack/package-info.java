/**
 * Real servers on this machine, each in a JVM of its own, for {@code s4fctl up} and integration tests: today the
 * Kafka broker ({@link io.stream4flow.localstack.KafkaBroker}). The JUnit fixture that shares one broker across a
 * test run is in {@link io.stream4flow.localstack.testing}.
 */
package io.stream4flow.localstack;
