package io.stream4flow.cli.query;

/**
 * A query that could not be answered: Elasticsearch not reachable, or it refused the search (a sort on a field
 * it cannot sort, an index it cannot read). The message is one line for the user, naming the endpoint.
 */
public final class QueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Reason {
        /** Nothing answered at the endpoint (refused, timed out, not HTTP). */
        NOT_REACHABLE,
        /** Elasticsearch answered with an error. */
        FAILED
    }

    private final Reason reason;

    public QueryException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
