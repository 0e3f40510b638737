package io.stream4flow.cli.stack;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The local stack's folder, {@code ~/.stream4flow} unless {@code --home} or {@code S4F_HOME} says
 * otherwise: {@code kafka/}, {@code elasticsearch/}, {@code collector/} (log, pid, template state),
 * {@code jobs/} (log, pid, status), {@code checkpoints/} (one per Spark job), {@code demo/}.
 */
public record StackHome(Path root) {
    public StackHome {
        root = root.toAbsolutePath().normalize();
    }

    /** {@code S4F_HOME}, or {@code ~/.stream4flow}. */
    public static StackHome defaultHome() {
        String env = System.getenv("S4F_HOME");
        return env != null && !env.isBlank() ? new StackHome(Paths.get(env)) : builtIn();
    }

    /** {@code ~/.stream4flow}, the home when neither {@code --home} nor {@code S4F_HOME} names one. */
    public static StackHome builtIn() {
        return new StackHome(Paths.get(System.getProperty("user.home"), ".stream4flow"));
    }

    public Path kafka() {
        return root.resolve("kafka");
    }

    public Path elasticsearch() {
        return root.resolve("elasticsearch");
    }

    public Path collector() {
        return root.resolve("collector");
    }

    public Path jobs() {
        return root.resolve("jobs");
    }

    public Path checkpoints() {
        return root.resolve("checkpoints");
    }

    public Path demo() {
        return root.resolve("demo");
    }
}
