package io.stream4flow.cli.shell;

import io.stream4flow.cli.job.JobInfo;
import io.stream4flow.cli.job.LocalJobService;
import io.stream4flow.cli.stack.StackHome;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The names of the jobs ({@code job list}'s: the catalog's, which only the job runner knows, and the SQL jobs
 * started before), fetched at most once per shell session, on a background thread, the first time a job name is
 * completed; until the answer is there (a short JVM run, seconds), and when the runner cannot answer, there are
 * none.
 */
final class JobNames {
    private final AtomicBoolean asked = new AtomicBoolean();
    private volatile List<String> names = List.of();

    /** The names known now; the first call starts fetching them. Any thread. */
    List<String> names() {
        if (asked.compareAndSet(false, true)) {
            Thread t = new Thread(this::fetch, "s4fctl-shell-job-names");
            t.setDaemon(true);
            t.start();
        }
        return names;
    }

    private void fetch() {
        try {
            names = new LocalJobService(StackHome.defaultHome()).list().stream().map(JobInfo::name).toList();
        } catch (RuntimeException unavailable) {
            // no runner (no cluster jar, no Java): no names to offer, the shell works without them
        }
    }
}
