package io.stream4flow.bench.stack;

import io.stream4flow.cli.stack.StackSettings;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Seconds from starting {@code java -jar s4fctl-cli/target/s4fctl.jar up --demo} with a fresh home (Kafka
 * storage formatted, Elasticsearch unpacked, Spark jobs without checkpoints) to the first message on
 * {@code alerts}; free ports instead of the defaults, so a running stack is not disturbed.
 */
final class FirstAlert {
    private static final long TIMEOUT_MS = 300_000;

    private FirstAlert() {
    }

    static String run(Path home) throws Exception {
        Path jar = Path.of("s4fctl-cli/target/s4fctl.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("run from the repository root after building s4fctl: " + jar + " is missing");
        }
        StackSettings s = StackBench.settings();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "up", "--demo", "--home", home.toString(),
                "--listen-address", "127.0.0.1", "--ipfix-port", "" + s.ipfixPort(), "--netflow-port",
                "" + s.netflowPort(), "--metrics-port", "" + s.metricsPort(), "--kafka-port", "" + s.kafkaPort(),
                "--es-port", "" + s.elasticsearchPort());
        StackBench.log("first alert: " + String.join(" ", command));
        Path log = home.resolve("up.log");
        long t0 = System.currentTimeMillis();
        Process up = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        long firstAlert;
        try (AlertsConsumer alerts = new AlertsConsumer(s.kafkaBootstrap())) {
            while (alerts.firstAnyMillis() == 0) {
                if (!up.isAlive()) {
                    throw new IllegalStateException("s4fctl up ended (exit " + up.exitValue() + "); see " + log);
                }
                if (System.currentTimeMillis() - t0 > TIMEOUT_MS) {
                    throw new IllegalStateException("no alert within " + TIMEOUT_MS / 1000 + " s; see " + log);
                }
                Thread.sleep(50);
            }
            firstAlert = alerts.firstAnyMillis();
        } finally {
            up.destroy(); // SIGTERM: s4fctl up stops everything it started
            if (!up.waitFor(120, TimeUnit.SECONDS)) {
                up.destroyForcibly();
            }
        }
        String healthy = Files.readAllLines(log).stream().filter(l -> l.startsWith("jobs: up in")).findFirst()
                .orElse("jobs: (no line)");
        return String.format(Locale.ROOT, "first alert after s4fctl up --demo (fresh home): %.1f s (goal <= 60 s; %s;"
                + " the demo's first scan starts 3 s after the demo)", (firstAlert - t0) / 1000.0, healthy);
    }
}
