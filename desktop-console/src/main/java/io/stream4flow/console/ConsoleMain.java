package io.stream4flow.console;

import io.stream4flow.cli.config.ClientConfig;
import io.stream4flow.cli.config.ConfigKey;
import io.stream4flow.cli.stack.StackHome;
import io.stream4flow.console.backend.Backends;
import io.stream4flow.schema.Topics;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javafx.application.Application;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code s4f-console}: the analyst's console. Its endpoints come from the s4fctl configuration
 * ({@code ~/.stream4flow/config.yaml} and the environment, credentials and TLS included), each overridable here.
 * Without a display, or with {@code --snapshot}, it renders offscreen (Monocle).
 */
@Command(name = "s4f-console", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The Stream4Flow analyst console: live alerts, alert history, host profiles, dashboard, jobs.",
        footer = {"", "Examples:", "  s4f-console", "  s4f-console --bootstrap 10.0.0.2:9092 --es http://10.0.0.3:9200",
                "  s4f-console --snapshot docs/console   (one PNG per view, then exit)",
                "", "Exit codes: 0 ok, 1 a snapshot view got no data in time, 2 bad arguments, 3 a failure."})
public final class ConsoleMain implements Callable<Integer> {
    @Option(names = "--home", paramLabel = "DIR",
            description = "The local stack's home (configuration, jobs); default: $S4F_HOME or ~/.stream4flow.")
    Path home;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "Kafka; default: the configuration's.")
    String bootstrap;

    @Option(names = "--es", paramLabel = "URL", description = "Elasticsearch; default: the configuration's.")
    String es;

    @Option(names = "--metrics", paramLabel = "HOST:PORT",
            description = "The collector's metrics endpoint; default: the configuration's.")
    String metrics;

    @Option(names = "--alerts-cap", paramLabel = "N", defaultValue = "5000",
            description = "Live alerts kept in the table (older ones are in History); default: ${DEFAULT-VALUE}.")
    int alertsCap;

    @Option(names = "--backlog", paramLabel = "N", defaultValue = "500",
            description = "Alerts of each partition of the topic shown at start; default: ${DEFAULT-VALUE}.")
    int backlog;

    @Option(names = "--alerts-topic", paramLabel = "TOPIC", defaultValue = Topics.ALERTS,
            description = "The Kafka topic of the alerts; default: ${DEFAULT-VALUE}.")
    String alertsTopic;

    @Option(names = "--notify", description = "Desktop notifications of high-severity alerts (notify-send).")
    boolean notify;

    @Option(names = "--snapshot", paramLabel = "DIR",
            description = "Render each view offscreen once its data is in, write DIR/VIEW.png, and exit.")
    Path snapshot;

    @Option(names = "--snapshot-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "How long each view may wait for its data with --snapshot; default: ${DEFAULT-VALUE}.")
    int snapshotTimeout;

    /** What the application thread takes over (JavaFX makes the Application instance itself). */
    static volatile ConsoleMain launched;

    public static void main(String[] args) {
        CommandLine cmd = new CommandLine(new ConsoleMain());
        cmd.setParameterExceptionHandler((e, a) -> {
            System.err.println("s4f-console: " + e.getMessage());
            return 2;
        });
        cmd.setExecutionExceptionHandler((e, c, p) -> {
            System.err.println("s4f-console: " + Backends.message(e));
            return e instanceof IllegalArgumentException ? 2 : 3;
        });
        System.exit(cmd.execute(args));
    }

    @Override
    public Integer call() {
        if (alertsCap < 1 || backlog < 0 || snapshotTimeout < 1) {
            throw new IllegalArgumentException("--alerts-cap, --snapshot-timeout: positive; --backlog: 0 or more");
        }
        config();   // a bad setting is one line and exit 2 before any window opens
        if (snapshot != null || System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            headless();
        }
        launched = this;
        Application.launch(ConsoleApplication.class);
        return ConsoleApplication.exitCode();
    }

    /** Monocle's headless glass and software rendering: no display, no GPU needed. */
    static void headless() {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("headless.geometry", "1600x1000-32");   // the screen holds the 1400 x 900 window
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        System.setProperty("java.awt.headless", "true");
    }

    private StackHome stackHome() {
        return home != null ? new StackHome(home) : StackHome.defaultHome();
    }

    ClientConfig config() {
        return ClientConfig.load(stackHome()).with(ConfigKey.KAFKA_BOOTSTRAP, bootstrap, "--bootstrap")
                .with(ConfigKey.ELASTICSEARCH_URL, es, "--es").with(ConfigKey.COLLECTOR_METRICS, metrics, "--metrics");
    }

    Backends backends() {
        return Backends.of(config(), stackHome());
    }

    ConsoleView.Settings settings() {
        return new ConsoleView.Settings(alertsCap, backlog, notify, ConsoleView.Settings.DEFAULTS.monitorPeriod(),
                alertsTopic);
    }
}
