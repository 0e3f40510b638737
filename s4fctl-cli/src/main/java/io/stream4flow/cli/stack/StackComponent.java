package io.stream4flow.cli.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * One part of the local stack as {@code s4fctl up}, {@code status} and {@code down} see it. Start
 * and stop are called from the {@code s4fctl} main thread or one start thread per component; the
 * checks from any thread.
 */
public interface StackComponent {
    /** Short name: kafka, elasticsearch, collector, jobs, demo. */
    String name();

    /** Starts it, or adopts an instance a previous {@code s4fctl up} left running; returns once started. */
    void start();

    /** A quick health check (a request to its port or status file); false while it starts. */
    boolean healthy();

    /** How long {@link #healthy} may take to become true after {@link #start}. */
    Duration startTimeout();

    /** Where it listens or what it does, for the operator. */
    String where();

    Path logFile();

    /** Its process, if one runs. */
    Optional<ProcessHandle> process();

    /** Stops it if it runs; true if something was stopped. */
    boolean stop();
}
