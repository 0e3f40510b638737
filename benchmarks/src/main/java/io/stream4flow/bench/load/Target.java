package io.stream4flow.bench.load;

/**
 * A receiver the harness loads: the collector with one sink, or nfcapd. Called from the harness's
 * main thread only.
 */
interface Target extends AutoCloseable {
    /**
     * Short key: {@code null}, {@code file-avro}, {@code kafka-avro}, {@code file} (JSON), {@code kafka}
     * (JSON), {@code nfcapd}.
     */
    String key();

    /** What it is, for the report. */
    String description();

    /** Starts what must run before the first step (and warms it up). */
    void open() throws Exception;

    /** Sends at {@code recordsPerSecond} for {@code durationNanos} and measures what arrived. */
    StepResult step(long recordsPerSecond, long durationNanos) throws Exception;

    /** Process ids of the target's servers while idle between steps (their CPU is not "other"). */
    default long[] processes() {
        return new long[0];
    }

    /** Stops every process of the target; safe to call more than once. */
    @Override
    void close();
}
