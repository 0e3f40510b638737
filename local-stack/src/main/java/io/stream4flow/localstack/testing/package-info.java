/**
 * Shared JUnit 5 fixtures over the local stack, for the integration tests of every module:
 * {@link io.stream4flow.localstack.testing.KafkaIntegrationTest} with
 * {@link io.stream4flow.localstack.testing.KafkaExtension}, and
 * {@link io.stream4flow.localstack.testing.ElasticsearchIntegrationTest} with
 * {@link io.stream4flow.localstack.testing.ElasticsearchExtension}. Compiled against JUnit with {@code provided} scope, so
 * they add nothing to the runtime classpath of {@code s4fctl}; a module's tests that use them depend on
 * {@code local-stack} with {@code test} scope.
 */
package io.stream4flow.localstack.testing;
