package io.stream4flow.collector.encode;

import io.stream4flow.schema.RecordFormat;
import io.stream4flow.collector.decode.FlowRecord;
import io.stream4flow.schema.ElementRegistry;

/**
 * Turns a decoded record into bytes for a sink: the encoder writes into a buffer of its own, reused
 * for every record, and the sink reads {@code array()[0, length())} after each {@link #encode}. One
 * instance per decoding thread; all methods are called on it.
 */
public interface RecordEncoder {
    /** Encodes one record; its bytes replace the previous record's. */
    void encode(FlowRecord record);

    /** The buffer holding the last record (valid bytes {@code [0, length())}); may change after {@link #encode}. */
    byte[] array();

    /** Length in bytes of the last record. */
    int length();

    /** Lists whose content did not parse (written as hex), since the encoder was made. */
    long badLists();

    /** An encoder of {@code format}; the limits are the decoder's ({@code DecoderLimits}). */
    static RecordEncoder create(RecordFormat format, ElementRegistry registry, int maxFields, int maxListDepth) {
        return switch (format) {
            case JSON -> new FlowJsonEncoder(registry, maxFields, maxListDepth);
            case AVRO -> new FlowAvroEncoder(registry, maxFields, maxListDepth);
        };
    }
}
