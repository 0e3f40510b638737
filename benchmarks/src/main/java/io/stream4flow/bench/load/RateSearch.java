package io.stream4flow.bench.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds a target's highest zero-loss rate: steps up through the given rates until one loses
 * something, then bisects between the last good and the first bad rate. A failed step may be tried
 * again ({@code retries}) before it counts as a failure, because the machine is shared (a build
 * beside the harness can steal the second core for a moment); every try is reported.
 */
final class RateSearch {
    /** Bisection stops when the interval is narrower than this fraction of its lower end. */
    private static final double RESOLUTION = 0.05;

    /** Every step run, the best zero-loss one (null: none) and the first failure (null: none). */
    record Outcome(Target target, List<StepResult> steps, StepResult best, StepResult firstFailure, int retried) {
        /** The highest zero-loss rate proven, in records/s sent; 0 when none. */
        long rate() {
            return best == null ? 0 : best.achievedRate();
        }
    }

    private final long[] rates;
    private final int refineRounds;
    private final int retries;
    private final long stepNanos;
    private final int quietWaitSeconds;
    private final double quietCores;
    private final Log log;

    /**
     * @param quietWaitSeconds before each step, wait up to this long for other processes to use less
     *     than {@code quietCores} (0: do not wait)
     */
    RateSearch(long[] rates, int refineRounds, int retries, long stepNanos, int quietWaitSeconds, double quietCores,
               Log log) {
        this.rates = rates.clone();
        this.refineRounds = refineRounds;
        this.retries = retries;
        this.stepNanos = stepNanos;
        this.quietWaitSeconds = quietWaitSeconds;
        this.quietCores = quietCores;
        this.log = log;
    }

    Outcome run(Target t) throws Exception {
        List<StepResult> steps = new ArrayList<>();
        int[] retried = new int[1];
        StepResult best = null;
        StepResult bad = null;
        for (long rate : rates) {
            StepResult r = tryRate(t, rate, steps, retried);
            if (r.zeroLoss()) {
                best = r;
            } else {
                bad = r;
                break;
            }
        }
        for (int round = 0; round < refineRounds && bad != null && !bad.senderLimitedOnly(); round++) {
            long lo = best == null ? 0 : best.askedRate();
            long hi = bad.askedRate();
            long mid = roundRate((lo + hi) / 2);
            if (hi - lo < Math.max(10_000, lo * RESOLUTION) || mid <= lo || mid >= hi) {
                break;
            }
            StepResult r = tryRate(t, mid, steps, retried);
            if (r.zeroLoss()) {
                best = r;
            } else {
                bad = r;
            }
        }
        return new Outcome(t, steps, best, bad, retried[0]);
    }

    private StepResult tryRate(Target t, long rate, List<StepResult> steps, int[] retried) throws Exception {
        StepResult r = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (quietWaitSeconds > 0) {
                double others = MachineCpu.awaitQuiet(quietCores, quietWaitSeconds, t.processes());
                if (others > quietCores) {
                    log.info(String.format("the machine is busy: other processes use %.2f cores; measuring anyway",
                            others));
                }
            }
            r = t.step(rate, stepNanos);
            steps.add(r);
            log.info((attempt > 0 ? "retry    " : "step     ") + r.line());
            if (r.zeroLoss()) {
                if (attempt > 0) {
                    retried[0]++;
                }
                return r;
            }
            if (r.problems().stream().anyMatch(p -> p.startsWith(SenderCheck.PROBLEM))) {
                return r; // the sender is the limit: trying again proves nothing more
            }
        }
        return r;
    }

    /** Rounds to two significant digits, so that bisected rates read well (1,250,000 not 1,237,500). */
    static long roundRate(long r) {
        long unit = 10_000;
        while (r / unit >= 100) {
            unit *= 10;
        }
        return Math.max(unit, Math.round(r / (double) unit) * unit);
    }
}
