package io.stream4flow.bench.load;

import java.util.List;
import java.util.Map;

/**
 * What the harness checks at the far end of a sink, besides the collector's own counters: lines in
 * the file, messages in the Kafka topic. Called from the harness's main thread.
 */
interface SinkCheck extends AutoCloseable {
    /** The collector's {@code --output} value. */
    String output();

    /** Before the sender starts; the collector has delivered everything of the previous step. */
    void beforeStep() throws Exception;

    /**
     * After the collector has delivered everything of the step: compares what reached the sink's far
     * end with {@code received} (records the collector decoded in the step).
     */
    void afterStep(long received, Map<String, Long> checks, List<String> problems) throws Exception;

    /** A process the sink needs (the Kafka broker), whose CPU is reported apart; -1: none. */
    default long serverPid() {
        return -1;
    }

    @Override
    default void close() { }

    /** The null sink: nothing beyond the collector's counters. */
    static SinkCheck none() {
        return new SinkCheck() {
            @Override
            public String output() {
                return "null";
            }

            @Override
            public void beforeStep() { }

            @Override
            public void afterStep(long received, Map<String, Long> checks, List<String> problems) { }
        };
    }
}
