package io.stream4flow.collector.decode;

/** Receives decoded data records, on the decoding thread, in arrival order. */
@FunctionalInterface
public interface RecordHandler {
    /**
     * Called once per data record (options data records included). The record is a flyweight valid
     * only during this call.
     */
    void onRecord(FlowRecord record);
}
