package io.stream4flow.cluster.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.junit.jupiter.api.Test;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.stream4flow.localstack.testing.ElasticsearchExtension;
import io.stream4flow.localstack.testing.ElasticsearchIntegrationTest;

/** Retention on a real Elasticsearch node: only daily s4f indices past the kept days go. */
@ElasticsearchIntegrationTest
class IndexRetentionIntegrationTest {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");

    @Test
    void deletesOnlyDailyIndicesOlderThanTheKeptDays() throws Exception {
        LocalDate today = LocalDate.of(2026, 11, 27);
        String old = "s4f-stats-2020.01.01";
        String justExpired = "s4f-alerts-" + today.minusDays(31).format(DAY);
        String oldestKept = "s4f-stats-" + today.minusDays(30).format(DAY);
        String current = "s4f-alerts-" + today.format(DAY);
        String other = "s4f-custom";
        try (ElasticsearchWriter writer = ElasticsearchWriter.connect(ElasticsearchExtension.httpUrl())) {
            ElasticsearchClient es = writer.client();
            for (String index : List.of(old, justExpired, oldestKept, current, other)) {
                es.indices().create(c -> c.index(index));
            }
            // the node is shared with other tests, whose old-dated indices may go too
            assertThat(IndexRetention.apply(es, 30, today)).contains(justExpired, old)
                    .doesNotContain(oldestKept, current, other).isSorted();
            assertThat(es.indices().get(g -> g.index("s4f-*")).result().keySet())
                    .contains(oldestKept, current, other).doesNotContain(old, justExpired);
            assertThat(IndexRetention.apply(es, 30, today)).isEmpty();
            es.indices().delete(d -> d.index(List.of(oldestKept, current, other)));
        }
    }

    @Test
    void namesOtherThanDailyOnesHaveNoDate() {
        assertThat(IndexRetention.dateOf("s4f-stats-2026.11.27")).isEqualTo(LocalDate.of(2026, 11, 27));
        assertThat(IndexRetention.dateOf("s4f-stats-2026.13.01")).isNull();
        assertThat(IndexRetention.dateOf("s4f-stats")).isNull();
        assertThat(IndexRetention.dateOf("other-2026.11.27")).isNull();
        assertThatThrownBy(() -> IndexRetention.apply(null, 0, LocalDate.now()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
