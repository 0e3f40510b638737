package io.stream4flow.cli.output;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with aligned columns: a header row, then rows; text columns are left-aligned,
 * columns marked numeric are right-aligned. Columns are separated by two spaces; no borders, so the
 * output stays easy to {@code grep} and {@code awk}. Not thread-safe.
 */
public final class TextTable {
    private final List<String> header;
    private final boolean[] numeric;
    private final List<List<String>> rows = new ArrayList<>();

    /**
     * @param header column titles
     * @param numeric which columns are right-aligned (null: none)
     */
    public TextTable(List<String> header, boolean[] numeric) {
        this.header = List.copyOf(header);
        this.numeric = numeric == null ? new boolean[header.size()] : numeric.clone();
        if (this.numeric.length != header.size()) {
            throw new IllegalArgumentException("numeric flags for " + this.numeric.length + " of " + header.size() + " columns");
        }
    }

    /** Adds a row; it must have one cell per column. */
    public TextTable row(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException(cells.size() + " cells for " + header.size() + " columns");
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table, every line ending in a newline; trailing spaces are trimmed. */
    public String render() {
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<String> r : rows) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        }
        StringBuilder s = new StringBuilder();
        line(s, header, width);
        for (List<String> r : rows) {
            line(s, r, width);
        }
        return s.toString();
    }

    private void line(StringBuilder s, List<String> cells, int[] width) {
        int start = s.length();
        for (int c = 0; c < cells.size(); c++) {
            String v = cells.get(c);
            String pad = " ".repeat(width[c] - v.length());
            s.append(c == 0 ? "" : "  ").append(numeric[c] ? pad + v : v + pad);
        }
        int end = s.length();
        while (end > start && s.charAt(end - 1) == ' ') {
            end--;
        }
        s.setLength(end);
        s.append('\n');
    }
}
