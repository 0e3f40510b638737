package io.stream4flow.console.backend;

import io.stream4flow.cli.config.ConfigCheck;
import io.stream4flow.cli.config.ConfigCheck.Outcome;
import io.stream4flow.cli.config.ConfigCheck.Result;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Asks Kafka and Elasticsearch whether they answer (and accept the credentials), every {@code period}, as
 * {@code s4fctl config check} does, and reports each outcome; the banner shows the ones that do not answer and
 * hides them again when they do.
 */
public final class BackendMonitor implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "s4f-console-monitor");
        t.setDaemon(true);
        return t;
    });

    /** @param onOutcome gets every outcome, on the monitor's thread */
    public BackendMonitor(ConfigCheck check, Duration period, Consumer<Outcome> onOutcome) {
        timer.scheduleWithFixedDelay(() -> {
            for (java.util.function.Supplier<Outcome> s : java.util.List.<java.util.function.Supplier<Outcome>>of(
                    check::elasticsearch, check::kafka)) {
                Outcome o;
                try {
                    o = s.get();
                } catch (RuntimeException e) {
                    o = new Outcome("?", "?", Result.unreachable, Backends.message(e));
                }
                onOutcome.accept(o);
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
