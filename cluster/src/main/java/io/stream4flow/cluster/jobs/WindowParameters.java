package io.stream4flow.cluster.jobs;

import java.util.ArrayList;
import java.util.List;

/** The {@code window} and {@code watermark} parameters every job declares, with per-job defaults. */
final class WindowParameters {

    static final String WINDOW = "window";
    static final String WATERMARK = "watermark";

    private WindowParameters() {
    }

    /** {@code window} and {@code watermark} followed by {@code more}. */
    static List<JobParameter> with(String window, String watermark, JobParameter... more) {
        List<JobParameter> out = new ArrayList<>();
        out.add(JobParameter.optional(WINDOW, JobParameter.Type.DURATION, window,
                "tumbling event-time window on flow_start"));
        out.add(JobParameter.optional(WATERMARK, JobParameter.Type.DURATION, watermark,
                "how late (event time behind the latest seen flow_start) a flow may arrive and still count"));
        out.addAll(List.of(more));
        return List.copyOf(out);
    }
}
