package io.stream4flow.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The two rows of the goal table that are not a rate search, run by the harness's main thread:
 * CPU per record at a fixed datagram rate (one more step on a target that has just been searched,
 * so the collector JVM is warm), and loss in the first seconds of a receiver that has just started.
 */
final class GoalSteps {
    private GoalSteps() { }

    /**
     * One step at a fixed rate, for its CPU per record.
     *
     * @param fixedRate records/s that make the datagram rate asked for, with this stream
     * @param rate records/s the step ran at: {@code fixedRate}, or the target's highest zero-loss rate
     *     when that is lower ({@code atFixedRate} false)
     */
    record CpuStep(String key, long datagramsPerSecond, long fixedRate, long rate, boolean atFixedRate,
                   StepResult step) {
        /**
         * CPU seconds of the receiver's process (all its threads, user and system, from
         * {@code /proc/PID/stat}) while the sender ran, per record sent (data and options), in µs.
         */
        double microsPerRecord() {
            long records = step.sent().allRecords();
            return records == 0 || step.cpuCores() < 0 ? -1 : step.cpuCores() * step.sent().seconds() * 1e6 / records;
        }
    }

    /**
     * A fresh receiver loaded from the moment it listens.
     *
     * @param startMillis from starting the process until its UDP port was bound and its metrics answered
     *     (collector), -1 when not measured (nfcapd)
     * @param heapUsedMiB the most heap the collector JVM used (GC log), -1 for nfcapd
     * @param heapCommittedMiB the most heap it had committed, -1 for nfcapd
     * @param outOfMemory whether the collector JVM logged an OutOfMemoryError
     */
    record ColdStep(String key, long rate, long startMillis, StepResult step, int heapUsedMiB, int heapCommittedMiB,
                    boolean outOfMemory) {
        /** Records sent and never stored (not decoded, or dropped by the sink). */
        long lost() {
            Long dropped = step.checks().get("sink_dropped");
            return step.lost() + (dropped == null ? 0 : dropped);
        }
    }

    /** Records/s that make {@code datagramsPerSecond} with this stream (its records per datagram). */
    static long rateFor(ReplayStream stream, int datagramsPerSecond) {
        return Math.round(datagramsPerSecond * (double) stream.passAllRecords() / stream.datagrams());
    }

    /**
     * Runs the CPU step on {@code t} right after its search {@code o}, after waiting (as the search's
     * steps do) up to {@code quietWait} s for other processes to use less than {@code quietCores}.
     */
    static CpuStep cpu(Target t, RateSearch.Outcome o, ReplayStream stream, int datagramsPerSecond, int seconds,
                       int quietWait, double quietCores, Log log) throws Exception {
        long fixed = rateFor(stream, datagramsPerSecond);
        long best = o.best() == null ? Long.MAX_VALUE : o.best().askedRate();
        long rate = Math.min(fixed, best);
        if (quietWait > 0) {
            double others = MachineCpu.awaitQuiet(quietCores, quietWait, t.processes());
            if (others > quietCores) {
                log.info(String.format("the machine is busy: other processes use %.2f cores; measuring anyway", others));
            }
        }
        StepResult r = t.step(rate, seconds * 1_000_000_000L);
        log.info("cpu step " + r.line());
        CpuStep c = new CpuStep(t.key(), datagramsPerSecond, fixed, rate, rate == fixed, r);
        log.info(String.format("%s: %.3f µs of receiver CPU per record at %,d rec/s", t.key(), c.microsPerRecord(),
                rate));
        return c;
    }

    /**
     * Starts a fresh collector JVM with the Avro file sink (a new, empty file) and sends at
     * {@code rate} as soon as it listens, for {@code seconds}; stops it after.
     */
    static ColdStep coldCollector(CollectorJvm.Launch launch, ReplayStream stream, Path dir, long rate, int seconds,
                                  Log log) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("flows.avro");
        Files.deleteIfExists(file);
        CollectorTarget t = new CollectorTarget("file-avro", launch, stream, new AvroFileSinkCheck(file), dir, log,
                rate, 0);
        try {
            long started = t.openCold();
            StepResult r = t.coldStep(rate, seconds * 1_000_000_000L);
            log.info("cold     " + r.line());
            t.close();
            return new ColdStep("file-avro", rate, started, r, t.maxHeapUsedMiB(), t.maxHeapCommittedMiB(),
                    t.outOfMemory());
        } finally {
            t.close();
        }
    }

    /** A fresh nfcapd (each of its steps starts one), sent to as soon as its port is bound. */
    static ColdStep coldNfcapd(ReplayStream stream, Path dir, long rate, int seconds, Log log) throws Exception {
        NfcapdTarget t = new NfcapdTarget(stream, dir, log);
        try {
            t.open();
            StepResult r = t.step(rate, seconds * 1_000_000_000L);
            log.info("cold     " + r.line());
            return new ColdStep("nfcapd", rate, -1, r, -1, -1, false);
        } finally {
            t.close();
        }
    }
}
