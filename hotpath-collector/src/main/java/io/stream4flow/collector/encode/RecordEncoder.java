package io.stream4flow.collector.encode;

import io.stream4flow.collector.decode.FlowRecord;
import io.stream4flow.schema.JsonBuffer;

/**
 * Turns a decoded record into bytes for a sink. JSON today; a compact binary encoding of the same
 * records can stand behind the same interface.
 */
public interface RecordEncoder {
    /** Appends one encoded record to {@code out}. Called on the decoding thread. */
    void encode(FlowRecord record, JsonBuffer out);
}
