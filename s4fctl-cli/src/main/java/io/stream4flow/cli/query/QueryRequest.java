package io.stream4flow.cli.query;

import io.stream4flow.schema.filter.FilterExpr;
import java.util.Objects;

/**
 * What every query asks: the time range, a filter (null: every document), how many results at most, and
 * their order (null: the query's own default, named on each {@link QueryService} method).
 *
 * @param limit 1 to {@value #MAX_LIMIT}
 */
public record QueryRequest(TimeRange range, FilterExpr filter, int limit, Sort sort) {
    /** Elasticsearch's default {@code index.max_result_window}. */
    public static final int MAX_LIMIT = 10_000;

    public QueryRequest {
        Objects.requireNonNull(range, "range");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("--limit: " + limit + " is not between 1 and " + MAX_LIMIT);
        }
    }

    /** The sort asked for, or {@code fallback}. */
    public Sort sortOr(Sort fallback) {
        return sort != null ? sort : fallback;
    }
}
