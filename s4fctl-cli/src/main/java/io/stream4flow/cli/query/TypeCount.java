package io.stream4flow.cli.query;

import java.time.Instant;

/**
 * One bucket of {@link QueryService#alertCounts}: how many alerts of one type have their {@code @timestamp} in the
 * interval starting at {@code bucket}.
 */
public record TypeCount(Instant bucket, String type, long count) {
}
