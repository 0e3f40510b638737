package io.stream4flow.console.backend;

import io.stream4flow.cli.config.ClientConfig;
import io.stream4flow.cli.config.KafkaEndpoint;
import io.stream4flow.cli.job.JobService;
import io.stream4flow.cli.job.LocalJobService;
import io.stream4flow.cli.query.ElasticsearchQueryService;
import io.stream4flow.cli.query.QueryService;
import io.stream4flow.cli.stack.StackHome;
import io.stream4flow.collector.net.HostPort;
import io.stream4flow.console.ui.UiChannel;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;

/**
 * What the panes talk to: the same configuration, query service and job service as {@code s4fctl}, a pool for
 * the blocking calls, and the channel their answers come back to the FX thread through. Panes never block the FX
 * thread: they call {@link #async}.
 *
 * @param config the endpoints (Kafka, Elasticsearch, collector metrics), credentials included
 * @param jobs null when no local stack home is known (the Jobs view says so)
 */
public record Backends(ClientConfig config, QueryService queries, JobService jobs, UiChannel ui,
        ExecutorService pool) implements AutoCloseable {
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);

    /** The console's backends as it runs: the query and job services of s4fctl, answers through {@code runLater}. */
    public static Backends of(ClientConfig config, StackHome home) {
        return new Backends(config, new ElasticsearchQueryService(config.elasticsearch(), QUERY_TIMEOUT),
                new LocalJobService(home), new UiChannel(Platform::runLater), newPool());
    }

    public static ExecutorService newPool() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "s4f-console-io-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public KafkaEndpoint kafka() {
        return config.kafka();
    }

    public HostPort collectorMetrics() {
        return config.collectorMetrics();
    }

    /**
     * Runs {@code work} on the pool; its result goes to {@code done}, or what it threw to {@code failed}, both on
     * the FX thread.
     */
    public <T> void async(Supplier<T> work, Consumer<T> done, Consumer<RuntimeException> failed) {
        pool.execute(() -> {
            T result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                ui.post(() -> failed.accept(e));
                return;
            }
            ui.post(() -> done.accept(result));
        });
    }

    /** The message of a failure as one line for a status label. */
    public static String message(Throwable e) {
        String m = e.getMessage();
        return (m == null || m.isBlank() ? e.getClass().getSimpleName() : m).replace('\n', ' ');
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
