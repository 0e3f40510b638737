package io.stream4flow.localstack.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that needs the real Elasticsearch node of {@link ElasticsearchExtension}: tags it
 * {@code elasticsearch} (so {@code -Dsurefire.excludedGroups=elasticsearch} skips it) and registers the extension.
 *
 * <pre>{@code
 * @ElasticsearchIntegrationTest
 * class AlertWriterIntegrationTest {
 *     @Test
 *     void writesAlerts(ElasticsearchNode es) {
 *         String index = ElasticsearchExtension.uniqueName("alerts");
 *         ... es.httpUrl() ...
 *     }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("elasticsearch")
@ExtendWith(ElasticsearchExtension.class)
public @interface ElasticsearchIntegrationTest {
}
