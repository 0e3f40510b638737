package io.stream4flow.cli.spark;

import io.stream4flow.cli.stack.ClusterDriver;
import io.stream4flow.cli.stack.ServiceProcess;
import io.stream4flow.cli.stack.StackException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster made of the Maven artifacts the jobs run with: the Spark home its Worker needs to
 * launch executors, and the command lines of Spark's own {@code Master} and {@code Worker} (each a JVM of its own).
 *
 * <p>The Spark home ({@link #assembleHome}) is a directory with {@code jars/} (a link to every jar of the job
 * runner's classpath, {@link ClusterDriver#classpath()}, except the jobs' own jar, which {@code job start --master
 * spark://...} ships to the executors as {@code spark.jars}), {@code conf/} and a {@code RELEASE} file: Spark's
 * launcher ({@code AbstractCommandBuilder.findJarsDir}) takes {@code <home>/jars} as the executors' classpath only
 * when {@code RELEASE} exists, and without {@code SPARK_SCALA_VERSION} in the Worker's environment
 * ({@link #environment}) it looks for a source build's {@code launcher/target/scala-*} and every executor fails with
 * "Cannot find any build directories".
 */
public final class SparkStandalone {
    public static final String MASTER_CLASS = "org.apache.spark.deploy.master.Master";
    public static final String WORKER_CLASS = "org.apache.spark.deploy.worker.Worker";
    private static final Pattern SPARK_CORE = Pattern.compile("spark-core_(\\d+\\.\\d+)-(.+)\\.jar");

    private SparkStandalone() {
    }

    /**
     * Makes {@code home} a Spark home from the job runner's classpath (creating it; links already there are
     * replaced, so running it again after a rebuild brings it up to date; a {@code jars/} with other files in it is
     * refused).
     *
     * @return {@code home}
     * @throws StackException when the classpath has no Spark in it or the directory cannot be written
     */
    public static Path assembleHome(Path home) {
        List<Path> classpath = ClusterDriver.classpath();
        List<Path> jars = classpath.subList(1, classpath.size());
        Matcher core = sparkCore(jars);
        Path dir = home.resolve("jars");
        try {
            Files.createDirectories(dir);
            Files.createDirectories(home.resolve("conf"));
            try (Stream<Path> old = Files.list(dir)) {
                List<Path> links = old.toList();
                if (links.stream().anyMatch(p -> !Files.isSymbolicLink(p))) {
                    throw new StackException(dir + " holds files that are not links (another Spark home?); choose an "
                            + "empty directory or one made by s4fctl spark home");
                }
                for (Path p : links) {
                    Files.delete(p);
                }
            }
            for (Path jar : jars) {
                if (!Files.isRegularFile(jar)) {
                    throw new StackException("the Spark home needs jars, but " + jar + " of the job runner's classpath "
                            + "is no file; rebuild with `mvn -pl s4fctl-cli -am package`");
                }
                Path link = dir.resolve(jar.getFileName().toString());
                for (int i = 2; Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS); i++) {
                    link = dir.resolve(i + "-" + jar.getFileName());
                }
                Files.createSymbolicLink(link, jar.toAbsolutePath());
            }
            Files.writeString(home.resolve("RELEASE"), "Spark " + core.group(2) + " (Scala " + core.group(1)
                    + ") assembled by s4fctl from the Maven artifacts of the Stream4Flow jobs\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StackException("cannot assemble a Spark home in " + home + ": " + e.getMessage(), e);
        }
        return home;
    }

    /**
     * The environment of a Master or Worker JVM on a home made by {@link #assembleHome}: {@code SPARK_HOME},
     * {@code SPARK_SCALA_VERSION} (read from its {@code RELEASE}), {@code SPARK_LOCAL_IP} = {@code host}.
     */
    public static Map<String, String> environment(Path home, String host) {
        String release;
        try {
            release = Files.readString(home.resolve("RELEASE"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StackException(home + " is not a Spark home made by s4fctl (no RELEASE: " + e.getMessage() + ")",
                    e);
        }
        Matcher scala = Pattern.compile("\\(Scala (\\d+\\.\\d+)\\)").matcher(release);
        if (!scala.find()) {
            throw new StackException(home.resolve("RELEASE") + " names no Scala version; assemble the home again");
        }
        return Map.of("SPARK_HOME", home.toAbsolutePath().toString(), "SPARK_SCALA_VERSION", scala.group(1),
                "SPARK_LOCAL_IP", host);
    }

    /** {@code java ... Master --host HOST --port PORT --webui-port UI} on the home's jars. */
    public static List<String> masterCommand(Path home, String host, int port, int webUiPort) {
        return command(home, "512m", MASTER_CLASS, List.of("--host", host, "--port", Integer.toString(port),
                "--webui-port", Integer.toString(webUiPort)));
    }

    /**
     * {@code java ... Worker MASTER_URL --host HOST --cores N --memory M --work-dir DIR --webui-port UI} on the home's
     * jars: offers {@code cores} and {@code memory} (such as {@code 1g}) to the applications, runs their executors in
     * JVMs of their own under {@code workDir/app-*}/N/.
     */
    public static List<String> workerCommand(Path home, String masterUrl, String host, int cores, String memory,
            Path workDir, int webUiPort) {
        return command(home, "512m", WORKER_CLASS, List.of(masterUrl, "--host", host, "--cores",
                Integer.toString(cores), "--memory", memory, "--work-dir", workDir.toAbsolutePath().toString(),
                "--webui-port", Integer.toString(webUiPort)));
    }

    private static List<String> command(Path home, String heap, String mainClass, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(ServiceProcess.javaExecutable(), "-Xmx" + heap));
        command.addAll(ClusterDriver.JAVA17_FLAGS);
        command.addAll(List.of("-cp", home.toAbsolutePath().resolve("conf") + "/:" + home.toAbsolutePath()
                .resolve("jars") + "/*", mainClass));
        command.addAll(arguments);
        return command;
    }

    private static Matcher sparkCore(List<Path> jars) {
        for (Path jar : jars) {
            Matcher m = SPARK_CORE.matcher(jar.getFileName().toString());
            if (m.matches()) {
                return m;
            }
        }
        throw new StackException("the job runner's classpath has no spark-core jar; rebuild with "
                + "`mvn -pl s4fctl-cli -am package`");
    }
}
