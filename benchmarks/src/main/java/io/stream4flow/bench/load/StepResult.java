package io.stream4flow.bench.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of the rate search: what was sent, what the target took, and why the step does not count
 * as zero loss (empty {@code problems}: it does).
 *
 * @param target the target's key
 * @param askedRate records/s the sender was asked for
 * @param sent what the sender did
 * @param expected records the target should have taken (data and options records for the collector,
 *     data records for nfcapd, which stores flows only)
 * @param received records the target counted
 * @param drainMillis time from the sender's last datagram until the target had taken and delivered
 *     everything (or stopped making progress)
 * @param cpuCores CPU the target used while the sender ran, in cores (1.0 = one core busy)
 * @param heap the collector JVM's GC pauses and heap sizes during the step, null for nfcapd
 * @param otherCores CPU that other processes of the machine (not the sender, not the target, not the
 *     Kafka broker) used while the sender ran, in cores: the machine is shared
 * @param threadCores CPU per thread (group) of the target while the sender ran, in cores
 * @param checks the counters read, by name
 * @param problems empty when the step had zero loss and was sustained
 */
record StepResult(String target, long askedRate, PacedSender.Sent sent, long expected, long received,
                  long drainMillis, double cpuCores, double otherCores, GcLog.Heap heap, Map<String, Double> threadCores,
                  Map<String, Long> checks,
                  List<String> problems) {
    boolean zeroLoss() {
        return problems.isEmpty();
    }

    /** Whether the only failure is that the sender could not reach the rate: the target's limit is higher. */
    boolean senderLimitedOnly() {
        return problems.size() == 1 && problems.get(0).startsWith(SenderCheck.PROBLEM);
    }

    long lost() {
        return expected - received;
    }

    /** The rate that was proven: records the sender actually sent per second. */
    long achievedRate() {
        return Math.round(sent.recordsPerSecond());
    }

    static Map<String, Long> newChecks() {
        return new LinkedHashMap<>();
    }

    String line() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-7s asked %,10d rec/s  sent %,10d rec/s %,8d dgram/s  expected %,11d  got %,11d",
                target, askedRate, achievedRate(), Math.round(sent.datagramsPerSecond()), expected, received));
        b.append(String.format("  drain %5d ms  cpu %.2f  sender cpu %.2f  others %.2f", drainMillis, cpuCores,
                sent.cpuNanos() / (double) sent.nanos(), otherCores));
        if (threadCores != null && !threadCores.isEmpty()) {
            b.append("  threads ");
            threadCores.entrySet().stream().limit(4)
                    .forEach(e -> b.append(e.getKey()).append('=').append(e.getValue()).append(' '));
        }
        if (heap != null) {
            b.append(String.format("  gc %d (%.0f ms) live<=%dM", heap.pauses(), heap.pauseMillis(), heap.maxLiveAfterMiB()));
        }
        b.append(zeroLoss() ? "  ZERO LOSS" : "  FAIL: " + String.join("; ", problems));
        return b.toString();
    }
}
