package io.stream4flow.cli.collector;

import io.stream4flow.cli.GracefulStop;
import io.stream4flow.cli.S4fctl;
import io.stream4flow.localstack.Sessions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The collector's JVM with a bounded heap: {@code s4fctl collector run} started by {@code ./s4fctl} (a JVM
 * with the default maximum heap, a quarter of the machine's memory) runs the collector in a JVM of its own
 * started with {@code -Xmx} of the setting {@code jvm.heap}, and waits for it.
 *
 * <p>No second JVM when this one's heap was chosen on its command line ({@code -Xmx},
 * {@code -XX:MaxHeapSize}, {@code -XX:MaxRAMPercentage}: {@code S4FCTL_JAVA_OPTS}, {@code s4fctl up}, a test
 * JVM), nor inside the collector's own JVM ({@link #CHILD_ENV}). The child runs in a session of its own, so
 * a Ctrl-C reaches only this JVM, which stops the child once with SIGTERM (the child's graceful stop: drain,
 * flush, save template state) and returns its exit code; the child stops by itself if this JVM goes.
 */
final class CollectorJvm {
    /** Set in the collector's own JVM. */
    static final String CHILD_ENV = "S4F_COLLECTOR_JVM";

    private CollectorJvm() { }

    /** Whether {@code collector run} should start the collector's own JVM rather than run here. */
    static boolean wanted() {
        return System.getenv(CHILD_ENV) == null && !heapChosen(ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    /** Whether one of the JVM options sets the maximum heap. */
    static boolean heapChosen(List<String> jvmOptions) {
        return jvmOptions.stream().anyMatch(a -> a.startsWith("-Xmx") || a.startsWith("-XX:MaxHeapSize=")
                || a.startsWith("-XX:MaxRAMPercentage=") || a.startsWith("-XX:MaxRAM="));
    }

    /** Whether this is the collector's own JVM, started by {@link #run}. */
    static boolean isChild() {
        return System.getenv(CHILD_ENV) != null;
    }

    /** The child's command: this JVM's java and classpath, {@code -Xmx}, then {@code s4fctl args...}. */
    static List<String> command(long heapBytes, List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + Math.max(1, heapBytes >> 20) + "m", "-XX:+UseG1GC",
                "-cp", System.getProperty("java.class.path"), S4fctl.class.getName()));
        command.addAll(args);
        return command;
    }

    /**
     * Runs {@code s4fctl args...} in the collector's JVM with standard input, output and error shared, until it
     * ends; SIGTERM and Ctrl-C here stop it gracefully.
     *
     * @return its exit code
     */
    static int run(long heapBytes, List<String> args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Sessions.ownSession(command(heapBytes, args))).inheritIO();
        pb.environment().put(CHILD_ENV, Long.toString(ProcessHandle.current().pid()));
        Process child = pb.start();
        CountDownLatch once = new CountDownLatch(1);
        try (GracefulStop stop = GracefulStop.install(() -> {
            if (once.getCount() > 0) {
                once.countDown();
                child.destroy();
            }
        })) {
            return child.waitFor();
        } finally {
            if (child.isAlive()) {
                child.destroy();
                child.waitFor();
            }
        }
    }

    /** In the collector's own JVM: runs {@code stop} when the {@code s4fctl} that started it is gone. */
    static void stopWithParent(Runnable stop) {
        String parent = System.getenv(CHILD_ENV);
        try {
            ProcessHandle.of(Long.parseLong(parent)).ifPresentOrElse(p -> p.onExit().thenRun(stop), stop);
        } catch (NumberFormatException e) {
            // not started by run(): no parent to follow
        }
    }
}
