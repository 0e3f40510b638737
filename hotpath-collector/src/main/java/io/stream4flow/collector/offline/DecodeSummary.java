package io.stream4flow.collector.offline;

import io.stream4flow.collector.decode.DecodeCounter;
import io.stream4flow.collector.decode.ExporterState;
import java.io.PrintStream;
import java.util.Collection;

/** Totals over the exporters of an offline decode, printed to stderr by the CLI. */
public final class DecodeSummary {
    private final long[] totals = new long[DecodeCounter.values().length];
    private final int exporters;
    private final long skippedPackets;
    private final long inputErrors;

    DecodeSummary(Collection<ExporterState> states, long skippedPackets, long inputErrors) {
        for (ExporterState s : states) {
            for (DecodeCounter c : DecodeCounter.values()) {
                totals[c.ordinal()] += s.counter(c);
            }
        }
        this.exporters = states.size();
        this.skippedPackets = skippedPackets;
        this.inputErrors = inputErrors;
    }

    public long get(DecodeCounter c) {
        return totals[c.ordinal()];
    }

    public int exporters() {
        return exporters;
    }

    /** Packets of a capture that were not UDP payloads to decode (other protocols, fragments). */
    public long skippedPackets() {
        return skippedPackets;
    }

    /** Input files that could not be read to the end. */
    public long inputErrors() {
        return inputErrors;
    }

    public long errors() {
        long n = 0;
        for (DecodeCounter c : DecodeCounter.values()) {
            if (c.isError()) {
                n += totals[c.ordinal()];
            }
        }
        return n;
    }

    /** True when everything given was decoded (no error counter and no unreadable input). */
    public boolean clean() {
        return errors() == 0 && inputErrors == 0;
    }

    public void print(PrintStream err) {
        err.printf("exporters: %d  messages: %d  records: %d (data %d, options %d)%n", exporters,
                get(DecodeCounter.MESSAGES), get(DecodeCounter.DATA_RECORDS) + get(DecodeCounter.OPTIONS_RECORDS),
                get(DecodeCounter.DATA_RECORDS), get(DecodeCounter.OPTIONS_RECORDS));
        err.printf("templates: %d  options templates: %d  held sets: %d (records decoded later: %d)%n",
                get(DecodeCounter.TEMPLATES), get(DecodeCounter.OPTIONS_TEMPLATES),
                get(DecodeCounter.HELD_SETS), get(DecodeCounter.HELD_RECORDS_DECODED));
        StringBuilder other = new StringBuilder();
        StringBuilder errs = new StringBuilder();
        for (DecodeCounter c : DecodeCounter.values()) {
            long v = totals[c.ordinal()];
            if (v == 0) {
                continue;
            }
            switch (c) {
                case MESSAGES, DATA_RECORDS, OPTIONS_RECORDS, TEMPLATES, OPTIONS_TEMPLATES, HELD_SETS,
                     HELD_RECORDS_DECODED -> { }
                default -> (c.isError() ? errs : other).append(' ').append(c.metricName()).append('=').append(v);
            }
        }
        if (other.length() > 0) {
            err.println("noticed:" + other);
        }
        if (skippedPackets > 0) {
            err.println("capture packets skipped (not UDP, fragments): " + skippedPackets);
        }
        err.println("errors:" + (errs.length() == 0 ? " none" : errs.toString()) + (inputErrors > 0
                ? "  unreadable inputs: " + inputErrors : ""));
    }
}
