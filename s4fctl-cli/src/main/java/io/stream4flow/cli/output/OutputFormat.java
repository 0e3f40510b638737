package io.stream4flow.cli.output;

import java.util.List;

/**
 * How a verb prints its results on stdout, chosen with {@code --output}: {@code table} for people
 * (aligned columns, {@link TextTable}), {@code json} for programs (one JSON document), {@code csv} for
 * spreadsheets and scripts ({@link Csv}: a header line, then one line per row). A verb that has no CSV
 * form refuses {@code csv} as a usage error.
 */
public enum OutputFormat {
    table,
    json,
    csv;

    /** {@code rows} under {@code header} as a {@link TextTable} ({@code numeric} columns right-aligned) or as CSV. */
    public String rows(List<String> header, boolean[] numeric, List<List<String>> rows) {
        if (this == csv) {
            return Csv.render(header, rows);
        }
        TextTable t = new TextTable(header, numeric);
        rows.forEach(t::row);
        return t.render();
    }
}
