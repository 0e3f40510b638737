package io.stream4flow.cli.output;

/**
 * How a verb prints its results on stdout, chosen with {@code --output}: {@code table} for people
 * (aligned columns, {@link TextTable}), {@code json} for programs (one JSON document), {@code csv} for
 * spreadsheets and scripts ({@link Csv}: a header line, then one line per row). A verb that has no CSV
 * form refuses {@code csv} as a usage error.
 */
public enum OutputFormat {
    table,
    json,
    csv
}
