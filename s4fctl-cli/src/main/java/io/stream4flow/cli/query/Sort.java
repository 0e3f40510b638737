package io.stream4flow.cli.query;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The order of a query's results: a document field ({@code @timestamp}, {@code flows}, {@code window.start})
 * and a direction. Text form {@code FIELD}, {@code FIELD:asc} or {@code FIELD:desc}; without a direction:
 * descending (the biggest, the newest first).
 */
public record Sort(String field, boolean descending) {
    private static final Pattern FIELD = Pattern.compile("@?[A-Za-z_][A-Za-z0-9_.]{0,99}");

    public Sort {
        if (!FIELD.matcher(field).matches()) {
            throw new IllegalArgumentException("--sort: '" + field + "' is not a field name");
        }
    }

    /** Newest first by {@code @timestamp}. */
    public static final Sort NEWEST = new Sort("@timestamp", true);

    /** Parses {@code FIELD[:asc|desc]}; an {@link IllegalArgumentException} naming {@code --sort} otherwise. */
    public static Sort parse(String text) {
        String t = text.strip();
        int colon = t.lastIndexOf(':');
        if (colon < 0) {
            return new Sort(t, true);
        }
        String dir = t.substring(colon + 1).toLowerCase(Locale.ROOT);
        if (!dir.equals("asc") && !dir.equals("desc")) {
            throw new IllegalArgumentException("--sort: '" + text + "': the direction is asc or desc");
        }
        return new Sort(t.substring(0, colon), dir.equals("desc"));
    }

    @Override
    public String toString() {
        return field + (descending ? ":desc" : ":asc");
    }
}
