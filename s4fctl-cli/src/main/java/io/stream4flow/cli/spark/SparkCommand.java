package io.stream4flow.cli.spark;

import io.stream4flow.cli.CommandFailure;
import io.stream4flow.cli.ExitCode;
import io.stream4flow.cli.stack.HomeOption;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code s4fctl spark home|master|worker}: a Spark standalone cluster from the Maven artifacts the jobs run with
 * ({@link SparkStandalone}), for {@code s4fctl job start NAME --master spark://HOST:PORT}.
 */
@Command(name = "spark", mixinStandardHelpOptions = true,
        description = "A Spark standalone cluster from the jobs' own Spark: assemble a Spark home, run Spark's Master "
                + "or a Worker in the foreground (each a JVM of its own) for `s4fctl job start NAME --master "
                + "spark://HOST:PORT`.")
public final class SparkCommand {

    /** {@code s4fctl spark home DIR}. */
    @Command(name = "home", mixinStandardHelpOptions = true,
            footerHeading = "%nExample:%n", footer = "  s4fctl spark home /opt/s4f-spark",
            description = {"Make DIR a Spark home: jars/ (links to the jobs' Spark and its dependencies in the local "
                    + "Maven repository), conf/, RELEASE. Running it again brings the links up to date.",
                "stderr: the home and its number of jars."})
    public static final class Home implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "The Spark home to make.")
        private Path dir;

        private final PrintStream err;

        public Home(PrintStream err) {
            this.err = err;
        }

        @Override
        public Integer call() throws IOException {
            SparkStandalone.assembleHome(dir);
            try (var jars = Files.list(dir.resolve("jars"))) {
                err.println("spark home " + dir.toAbsolutePath() + ": " + jars.count() + " jars; "
                        + Files.readString(dir.resolve("RELEASE")).strip());
            }
            err.flush();
            return ExitCode.OK;
        }
    }

    /** What {@code spark master} and {@code spark worker} share: the Spark home, the address, the foreground run. */
    abstract static class Daemon implements Callable<Integer> {
        @Mixin
        private HomeOption homeOption;

        @Option(names = "--spark-home", paramLabel = "DIR", description = "A Spark home made by `s4fctl spark home`; "
                + "default: <home>/spark, assembled now.")
        private Path sparkHome;

        @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
                description = "The address it listens on and announces; default: ${DEFAULT-VALUE}.")
        String host;

        @Option(names = "--webui-port", paramLabel = "PORT", description = "Its web UI (the master's with /json/); "
                + "default: 8080 for the master, 8081 for a worker.")
        private Integer webUiPort;

        private final PrintStream err;

        Daemon(PrintStream err) {
            this.err = err;
        }

        /** Its command line on {@code home} with its web UI on {@code webUiPort}. */
        abstract List<String> command(Path home, int webUiPort);

        abstract int defaultWebUiPort();

        /** Runs the command until it ends or this JVM is asked to stop (then SIGTERM to it, 30 s to end). */
        @Override
        public Integer call() throws IOException, InterruptedException {
            Path home = sparkHome != null ? sparkHome
                    : SparkStandalone.assembleHome(homeOption.home().root().resolve("spark"));
            ProcessBuilder pb = new ProcessBuilder(command(home, webUiPort != null ? webUiPort : defaultWebUiPort()))
                    .inheritIO();
            pb.environment().putAll(SparkStandalone.environment(home, host));
            Process p = pb.start();
            String name = "spark " + getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
            err.println(name + ": started (pid " + p.pid() + ") on the Spark home " + home);
            err.flush();
            AtomicBoolean stopping = new AtomicBoolean();
            Thread hook = new Thread(() -> {
                stopping.set(true);
                p.destroy();
                try {
                    p.waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                p.destroyForcibly();
            }, "spark-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            int code = p.waitFor();
            if (stopping.get()) {
                return ExitCode.OK;
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) { // the JVM began to shut down meanwhile: the hook stops nothing more
                return ExitCode.OK;
            }
            if (code != 0) {
                throw new CommandFailure(ExitCode.FAILURE, name + ": exited with " + code + " (its log is above)");
            }
            return ExitCode.OK;
        }
    }

    /** {@code s4fctl spark master}. */
    @Command(name = "master", mixinStandardHelpOptions = true,
            footerHeading = "%nExample:%n", footer = "  s4fctl spark master --host 10.0.0.100 --port 7077",
            description = "Run Spark's standalone Master (org.apache.spark.deploy.master.Master) in the foreground "
                    + "until Ctrl-C or SIGTERM; its log goes to stderr.")
    public static final class Master extends Daemon {
        @Option(names = "--port", defaultValue = "7077", description = "Its port (spark://HOST:PORT); default: "
                + "${DEFAULT-VALUE}.")
        private int port;

        public Master(PrintStream err) {
            super(err);
        }

        @Override
        List<String> command(Path home, int webUiPort) {
            return SparkStandalone.masterCommand(home, host, port, webUiPort);
        }

        @Override
        int defaultWebUiPort() {
            return 8080;
        }
    }

    /** {@code s4fctl spark worker MASTER}. */
    @Command(name = "worker", mixinStandardHelpOptions = true,
            footerHeading = "%nExample:%n", footer = "  s4fctl spark worker spark://10.0.0.100:7077 --cores 4 --memory 8g",
            description = "Run a Spark standalone Worker (org.apache.spark.deploy.worker.Worker) of MASTER in the "
                    + "foreground until Ctrl-C or SIGTERM: it launches the applications' executors, each a JVM of its "
                    + "own on the Spark home's jars; its log goes to stderr.")
    public static final class Worker extends Daemon {
        @Parameters(index = "0", paramLabel = "MASTER", description = "The master, spark://HOST:PORT.")
        private String masterUrl;

        @Option(names = "--cores", defaultValue = "1", description = "Cores it offers; default: ${DEFAULT-VALUE}.")
        private int cores;

        @Option(names = "--memory", defaultValue = "1g", description = "Memory it offers to executors; default: "
                + "${DEFAULT-VALUE}.")
        private String memory;

        @Option(names = "--work-dir", paramLabel = "DIR", description = "Where the executors run (app-*/N/ with "
                + "their stdout and stderr); default: <spark home>/work.")
        private Path workDir;

        public Worker(PrintStream err) {
            super(err);
        }

        @Override
        List<String> command(Path home, int webUiPort) {
            return SparkStandalone.workerCommand(home, masterUrl, host, cores, memory,
                    workDir != null ? workDir : home.resolve("work"), webUiPort);
        }

        @Override
        int defaultWebUiPort() {
            return 8081;
        }
    }
}
