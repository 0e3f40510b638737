package io.stream4flow.cli.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * How to start the Spark driver of the cluster module ({@code io.stream4flow.cluster.JobRunner}) in a
 * JVM of its own: Spark brings Scala 2.12, Jackson 2.15 and kafka-clients 3.4, none of which may meet
 * this CLI's newer ones.
 *
 * <p>The build writes two files: {@code io/stream4flow/cli/cluster.classpath} in this module (the
 * cluster module's jar, or its classes folder in a build without {@code package}) and, inside that,
 * {@code io/stream4flow/cluster/driver.classpath} (every runtime jar of the cluster module, as paths in
 * this machine's local Maven repository). Both are absolute paths of the machine that built them.
 *
 * <p>On a host the jobs were deployed to, those paths do not exist: there the system property
 * {@value #CLASSPATH_PROPERTY} names a folder of the same jars ({@code s4fctl deploy bundle}'s {@code jobs.tar},
 * unpacked), named so that their order is the classpath's ({@code 000-...jar} the cluster module's).
 */
public final class ClusterDriver {
    public static final String MAIN_CLASS = "io.stream4flow.cluster.runner.JobRunner";
    static final String CLUSTER_RESOURCE = "io/stream4flow/cli/cluster.classpath";
    static final String DRIVER_RESOURCE = "io/stream4flow/cluster/driver.classpath";
    /** A folder of the driver's jars, in classpath order by name, used instead of the build's paths. */
    public static final String CLASSPATH_PROPERTY = "s4f.jobs.classpath";

    /** JVM flags Spark 3.5 needs on Java 17 (its serializers reach into these packages). */
    public static final List<String> JAVA17_FLAGS = List.of(
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false");

    private ClusterDriver() {
    }

    /** The driver's classpath: the cluster module first, then its dependencies, each checked to exist. */
    public static List<Path> classpath() {
        String folder = System.getProperty(CLASSPATH_PROPERTY);
        if (folder != null) {
            return jarsIn(Path.of(folder));
        }
        String clusterEntry = resource(ClusterDriver.class.getClassLoader(), CLUSTER_RESOURCE);
        if (clusterEntry == null || clusterEntry.isBlank()) {
            throw new StackException("the Spark jobs are not built into this s4fctl (no " + CLUSTER_RESOURCE
                    + "); rebuild with ./s4fctl or `mvn -pl s4fctl-cli -am package`");
        }
        Path cluster = Path.of(clusterEntry.strip());
        if (!Files.exists(cluster)) {
            throw new StackException("the Spark jobs' jar " + cluster + " is gone; rebuild with ./s4fctl or "
                    + "`mvn -pl s4fctl-cli -am package`");
        }
        String entries = driverClasspath(cluster);
        List<Path> classpath = new ArrayList<>();
        classpath.add(cluster);
        for (String entry : entries.strip().split(":")) {
            if (entry.isEmpty()) {
                continue;
            }
            Path jar = Path.of(entry);
            if (!Files.exists(jar)) {
                throw new StackException("a jar of the Spark jobs is missing: " + jar + "; rebuild with "
                        + "`mvn -pl s4fctl-cli -am package` (it downloads the dependencies)");
            }
            classpath.add(jar);
        }
        return classpath;
    }

    /**
     * The command that starts the driver: this JVM's java, the flags, {@code @dir/driver.args} (the
     * classpath, written there so that the process list stays readable), the main class and
     * {@code arguments}.
     */
    public static List<String> command(Path dir, String heap, List<String> arguments) {
        return command(dir, heap, MAIN_CLASS, arguments);
    }

    /**
     * {@link #command(Path, String, List)} for another main class of the cluster module (the stack benchmark's bare
     * read of the topic, {@code io.stream4flow.cluster.runner.TopicReadRate}).
     */
    public static List<String> command(Path dir, String heap, String mainClass, List<String> arguments) {
        StringBuilder cp = new StringBuilder();
        for (Path p : classpath()) {
            cp.append(cp.length() == 0 ? "" : ":").append(p);
        }
        Path argFile = dir.resolve("driver.args");
        try {
            Files.createDirectories(dir);
            Files.writeString(argFile, "-cp \"" + cp + "\"\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StackException("cannot write " + argFile + ": " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>();
        command.add(ServiceProcess.javaExecutable());
        command.add("-Xmx" + heap);
        command.add("-XX:+UseG1GC");
        command.addAll(JAVA17_FLAGS);
        command.add("@" + argFile);
        command.add(mainClass);
        command.addAll(arguments);
        return command;
    }

    /** The jars of {@code folder} in name order, at least one. */
    static List<Path> jarsIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .sorted().toList();
            if (jars.isEmpty()) {
                throw new StackException("-D" + CLASSPATH_PROPERTY + "=" + folder + ": no jars in it");
            }
            return jars;
        } catch (IOException e) {
            throw new StackException("-D" + CLASSPATH_PROPERTY + "=" + folder + ": cannot list it (" + e.getMessage()
                    + ")", e);
        }
    }

    private static String driverClasspath(Path cluster) {
        try {
            if (Files.isDirectory(cluster)) {
                return Files.readString(cluster.resolve(DRIVER_RESOURCE), StandardCharsets.UTF_8);
            }
            try (ZipFile zip = new ZipFile(cluster.toFile())) {
                var entry = zip.getEntry(DRIVER_RESOURCE);
                if (entry == null) {
                    throw new StackException(cluster + " has no " + DRIVER_RESOURCE + "; rebuild it");
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new StackException("cannot read the Spark jobs' classpath from " + cluster + ": " + e.getMessage(), e);
        }
    }

    private static String resource(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StackException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }
}
