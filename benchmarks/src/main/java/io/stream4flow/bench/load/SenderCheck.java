package io.stream4flow.bench.load;

import java.util.List;

/** Whether the sender reached the rate it was asked for (on 2 cores it competes with the receiver). */
final class SenderCheck {
    /** Below this fraction of the asked rate a step proves nothing about the asked rate. */
    static final double MIN_FRACTION = 0.97;
    static final String PROBLEM = "the sender reached only ";

    private SenderCheck() { }

    static void check(long asked, PacedSender.Sent sent, List<String> problems) {
        if (sent.recordsPerSecond() < asked * MIN_FRACTION) {
            problems.add(String.format(PROBLEM + "%,.0f of %,d rec/s", sent.recordsPerSecond(), asked));
        }
    }
}
