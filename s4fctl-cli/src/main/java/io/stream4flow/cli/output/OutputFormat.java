package io.stream4flow.cli.output;

/**
 * How a verb prints its results on stdout, chosen with {@code --output}: {@code table} for people
 * (aligned columns, {@link TextTable}), {@code json} for programs (one JSON document, written with
 * {@link io.stream4flow.schema.JsonBuffer}).
 */
public enum OutputFormat {
    table,
    json
}
