package io.stream4flow.cli.console;

import io.stream4flow.cli.Checkout;
import io.stream4flow.cli.CommandFailure;
import io.stream4flow.cli.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code s4fctl console [OPTION...]}: starts the analyst console ({@code desktop-console}, built beside s4fctl by
 * {@code ./s4fctl}) in a JVM of its own, with the options given, and returns its exit code. The console is a
 * separate module so that s4fctl carries no JavaFX; its classpath is the one its build wrote to
 * {@code desktop-console/target/console.classpath}.
 */
@Command(name = "console", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n", footer = {"  s4fctl console",
            "  xvfb-run ./s4fctl console              (a window on a virtual display)",
            "  s4fctl console --snapshot docs/console  (one PNG per view, then exit)",
            "  s4fctl console --bootstrap 10.0.0.2:9092 --es http://10.0.0.3:9200 --alerts-cap 10000 --notify"},
        description = {"Open the analyst console: live alerts, alert history, host profiles,",
            "dashboard, jobs. Endpoints default to the s4fctl configuration.",
            "The console's own options, passed on (`s4fctl console -- --help`):",
            "  --home DIR  --bootstrap HOST:PORT  --es URL  --metrics HOST:PORT",
            "  --alerts-topic TOPIC  --alerts-cap N  --backlog N  --notify",
            "  --snapshot DIR  --snapshot-timeout SECONDS"})
public final class ConsoleCommand implements Callable<Integer> {
    static final String MAIN_CLASS = "io.stream4flow.console.ConsoleMain";

    @Unmatched
    private List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(arguments);
        if (!args.isEmpty() && args.get(0).equals("--")) {
            args.remove(0);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.add(MAIN_CLASS);
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().put("CLASSPATH", classpath(moduleDir()));   // not -cp: the process list stays readable
        Process p = pb.start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
        return p.waitFor();
    }

    /** {@code desktop-console/} of the checkout this s4fctl was built in. */
    static Path moduleDir() {
        return Checkout.root().resolve("desktop-console");
    }

    /** The console's classes and the jars its build listed, each checked to exist. */
    static String classpath(Path module) throws IOException {
        Path classes = module.resolve("target/classes");
        Path list = module.resolve("target/console.classpath");
        if (!Files.isDirectory(classes) || !Files.isRegularFile(list)) {
            throw new CommandFailure(ExitCode.FAILURE, "the console is not built (no " + list + "); ./s4fctl builds "
                    + "it, or `mvn -DskipTests -pl desktop-console -am package`");
        }
        List<String> entries = new ArrayList<>();
        entries.add(classes.toString());
        for (String e : Files.readString(list, StandardCharsets.UTF_8).strip().split(":")) {
            if (!e.isEmpty()) {
                if (!Files.exists(Path.of(e))) {
                    throw new CommandFailure(ExitCode.FAILURE, "a jar of the console is missing: " + e
                            + "; rebuild with `mvn -DskipTests -pl desktop-console -am package`");
                }
                entries.add(e);
            }
        }
        return String.join(":", entries);
    }
}
