package io.stream4flow.cli.output;

import java.util.List;

/**
 * Comma-separated values as RFC 4180 writes them: a header line, then one line per row, each ending in
 * {@code \n}; a cell holding a comma, a double quote or a line break is quoted, its quotes doubled.
 */
public final class Csv {
    private Csv() {
    }

    /** The header and rows; every row must have one cell per header column. */
    public static String render(List<String> header, List<List<String>> rows) {
        StringBuilder s = new StringBuilder();
        line(s, header);
        for (List<String> r : rows) {
            if (r.size() != header.size()) {
                throw new IllegalArgumentException(r.size() + " cells for " + header.size() + " columns");
            }
            line(s, r);
        }
        return s.toString();
    }

    /** One line of cells (a null cell is empty), ending in {@code \n}: for output that streams its rows. */
    public static String line(List<String> cells) {
        StringBuilder s = new StringBuilder();
        line(s, cells);
        return s.toString();
    }

    private static void line(StringBuilder s, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            String v = cells.get(i) == null ? "" : cells.get(i);
            s.append(i == 0 ? "" : ",");
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                s.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                s.append(v);
            }
        }
        s.append('\n');
    }
}
