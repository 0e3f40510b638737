package io.stream4flow.schema;

import java.util.Locale;

/** How records are encoded for an output ({@code ?format=} of the output URI). */
public enum RecordFormat {
    /** One flow JSON object per record (IPFIXcol2-like, ARCHITECTURE.md); lines in files. */
    JSON,
    /**
     * One Avro record per record, schema {@code io.stream4flow.FlowRecord} (flow-schema); on Kafka a block of
     * records of one exporter per message ({@link io.stream4flow.schema.avro.FlowBlock}), an Avro object
     * container file in files.
     */
    AVRO;

    /** The name used in output URIs: {@code json}, {@code avro}. */
    public String uriName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The format named {@code s} ({@code json} or {@code avro}).
     *
     * @throws IllegalArgumentException for any other name
     */
    public static RecordFormat parse(String s) {
        for (RecordFormat f : values()) {
            if (f.uriName().equals(s)) {
                return f;
            }
        }
        throw new IllegalArgumentException("format '" + s + "' is not json or avro");
    }
}
