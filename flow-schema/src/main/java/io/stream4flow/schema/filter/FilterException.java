package io.stream4flow.schema.filter;

/**
 * A filter expression that does not parse. The message is {@code column N: REASON}, N 1-based in the
 * expression's text (one past its end when something is missing at the end), so a caller can print
 * {@code s4fctl: --filter: column 18: expected an address after 'ip'} as it is.
 */
public final class FilterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int column;
    private final String reason;

    public FilterException(int column, String reason) {
        super("column " + column + ": " + reason);
        this.column = column;
        this.reason = reason;
    }

    /** 1-based column of the character where the expression went wrong. */
    public int column() {
        return column;
    }

    /** The message without its column. */
    public String reason() {
        return reason;
    }
}
