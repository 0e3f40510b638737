package io.stream4flow.localstack.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that needs the real Kafka broker of {@link KafkaExtension}: tags it {@code kafka} (so
 * {@code -Dsurefire.excludedGroups=kafka} skips it) and registers the extension.
 *
 * <pre>{@code
 * @KafkaIntegrationTest
 * class KafkaSinkIntegrationTest {
 *     @Test
 *     void writesFlows(KafkaBroker kafka) {
 *         String topic = KafkaExtension.createTopic("flows", 1);
 *         ... kafka.bootstrapServers() ...
 *     }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("kafka")
@ExtendWith(KafkaExtension.class)
public @interface KafkaIntegrationTest {
}
