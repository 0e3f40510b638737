package io.stream4flow.schema;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The Elasticsearch indices of Stream4Flow: daily indices {@code <prefix>YYYY.MM.DD} by event date (UTC),
 * e.g. {@code s4f-stats-2026.11.27}, all under {@link #ALL} (the index template's pattern).
 */
public final class Indices {
    /** Every index of the project: {@code s4f-*}. */
    public static final String ALL = "s4f-*";
    /** Statistics documents (protocols, hosts, topn, ...). */
    public static final String STATS_PREFIX = "s4f-stats-";
    /** Alert documents (the one alert shape). */
    public static final String ALERTS_PREFIX = "s4f-alerts-";
    /** Host profiles. */
    public static final String HOSTS_PREFIX = "s4f-hosts-";
    /** The date part of a daily index name, in {@link DateTimeFormatter} and Spark {@code date_format} form. */
    public static final String DATE_PATTERN = "yyyy.MM.dd";
    /** A daily index name: {@code s4f-<kind>-YYYY.MM.DD}; group 1-3 are year, month and day. */
    public static final String DAILY_REGEX = "s4f-[a-z0-9_]+-(\\d{4})\\.(\\d{2})\\.(\\d{2})";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern(DATE_PATTERN).withZone(ZoneOffset.UTC);

    private Indices() { }

    /** The daily index of {@code prefix} for an event at {@code epochMillis}. */
    public static String daily(String prefix, long epochMillis) {
        return prefix + DATE.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Every daily index of {@code prefix}: {@code s4f-stats-*}. */
    public static String pattern(String prefix) {
        return prefix + "*";
    }
}
