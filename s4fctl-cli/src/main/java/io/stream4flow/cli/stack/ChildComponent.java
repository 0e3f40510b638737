package io.stream4flow.cli.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A stack component that is a child process of its own ({@link ServiceProcess}): the collector, the
 * Spark jobs, the demo feed. The command is computed at start (the jobs' classpath is looked up only
 * then, so {@code status} and {@code down} work without it).
 */
final class ChildComponent implements StackComponent {
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final ServiceProcess process;
    private final Supplier<List<String>> command;
    private final Map<String, String> environment;
    private final BooleanSupplier health;
    private final Duration startTimeout;
    private final String where;

    ChildComponent(ServiceProcess process, Supplier<List<String>> command, Map<String, String> environment,
            BooleanSupplier health, Duration startTimeout, String where) {
        this.process = process;
        this.command = command;
        this.environment = Map.copyOf(environment);
        this.health = health;
        this.startTimeout = startTimeout;
        this.where = where;
    }

    @Override
    public String name() {
        return process.name();
    }

    @Override
    public void start() {
        if (process.running().isEmpty()) {
            process.start(command.get(), environment);
        }
    }

    @Override
    public boolean healthy() {
        return process.running().isPresent() && health.getAsBoolean();
    }

    @Override
    public Duration startTimeout() {
        return startTimeout;
    }

    @Override
    public String where() {
        return where;
    }

    @Override
    public Path logFile() {
        return process.logFile();
    }

    @Override
    public Optional<ProcessHandle> process() {
        return process.running();
    }

    @Override
    public boolean stop() {
        return process.stop(STOP_GRACE);
    }
}
