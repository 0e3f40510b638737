package io.stream4flow.cluster.jobs;

import io.stream4flow.schema.Indices;

/** Where a job's documents go; the index prefix is followed by the event date {@code YYYY.MM.DD} (UTC). */
public enum OutputKind {
    /** Statistics documents, to Elasticsearch only. */
    STATISTICS(Indices.STATS_PREFIX),
    /** Alert documents (the one alert shape), to Elasticsearch and to the Kafka alerts topic (key = id). */
    ALERTS(Indices.ALERTS_PREFIX),
    /** Host profiles (one document per host and day), to Elasticsearch only. */
    PROFILES(Indices.HOSTS_PREFIX);

    private final String indexPrefix;

    OutputKind(String indexPrefix) {
        this.indexPrefix = indexPrefix;
    }

    /** Index name prefix, e.g. {@code s4f-stats-}. */
    public String indexPrefix() {
        return indexPrefix;
    }
}
