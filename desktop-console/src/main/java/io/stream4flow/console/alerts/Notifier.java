package io.stream4flow.console.alerts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Desktop notifications of high-severity alerts through {@code notify-send} (libnotify; absent: none, said once
 * on stderr), at most one every {@link #GAP_MILLIS}: the first alert of a burst by name, the rest counted in the
 * next one.
 */
public final class Notifier {
    static final long GAP_MILLIS = 10_000;
    private final Executor pool;
    private final String command;
    private long lastAt;
    private int held;

    public Notifier(Executor pool) {
        this.pool = pool;
        this.command = find();
        if (command == null) {
            System.err.println("s4f-console: --notify: notify-send not found (Debian: libnotify-bin); no desktop"
                    + " notifications");
        }
    }

    private static String find() {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin" : path).split(":")) {
            Path p = Path.of(dir, "notify-send");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /** Takes a batch of arrivals (FX thread). */
    public void batch(List<Alert> batch) {
        if (command == null) {
            return;
        }
        Alert first = null;
        int high = 0;
        for (Alert a : batch) {
            if (a.rank() == 0) {
                high++;
                first = first == null ? a : first;
            }
        }
        if (high == 0) {
            return;
        }
        long now = System.currentTimeMillis();
        if (now - lastAt < GAP_MILLIS) {
            held += high;
            return;
        }
        int more = held + high - 1;
        held = 0;
        lastAt = now;
        String title = "Stream4Flow: " + first.type() + " (high)";
        String body = first.description() + (more > 0 ? " (+" + more + " more high-severity alerts)" : "");
        pool.execute(() -> {
            try {
                new ProcessBuilder(command, "--app-name=Stream4Flow", "--urgency=critical", title, body)
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (java.io.IOException e) {
                System.err.println("s4f-console: notify-send: " + e.getMessage());
            }
        });
    }
}
