package io.stream4flow.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IndicesTest {
    @Test
    void dailyIndicesAreNamedByTheUtcEventDateAndMatchTheirPatterns() {
        long lateOnNov27Utc = 1_764_287_999_000L;            // 2025-11-27T23:59:59Z
        String stats = Indices.daily(Indices.STATS_PREFIX, lateOnNov27Utc);
        assertThat(stats).isEqualTo("s4f-stats-2025.11.27");
        assertThat(Indices.daily(Indices.ALERTS_PREFIX, lateOnNov27Utc + 1_000)).isEqualTo("s4f-alerts-2025.11.28");
        assertThat(stats).matches(Indices.DAILY_REGEX).startsWith(Indices.ALL.replace("*", ""));
        assertThat(Indices.pattern(Indices.HOSTS_PREFIX)).isEqualTo("s4f-hosts-*");
        assertThat(Topics.ALL).containsExactly(Topics.FLOWS, Topics.ALERTS).doesNotHaveDuplicates();
    }
}
