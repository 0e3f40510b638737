package io.stream4flow.bench.load;

import io.stream4flow.collector.live.Collector;
import io.stream4flow.collector.live.CollectorConfig;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * The live collector in a JVM of its own, for the harness when {@code s4fctl collector run} is not
 * available: {@code Collector.start} with the defaults of {@link CollectorConfig} except what the
 * flags say, stopped gracefully by SIGTERM or when its standard input closes (the harness died).
 *
 * <pre>
 * java -Xmx256m -cp benchmarks.jar io.stream4flow.bench.load.EmbeddedCollector \
 *     --listen udp://127.0.0.1:PORT --output null|file:PATH|kafka://HOST:PORT/TOPIC --metrics 127.0.0.1:PORT
 * </pre>
 * No template state is saved or restored.
 */
public final class EmbeddedCollector {
    private EmbeddedCollector() { }

    public static void main(String[] args) throws IOException, InterruptedException {
        CollectorConfig d = CollectorConfig.defaults();
        URI listen = null;
        URI output = null;
        String metrics = d.metricsListen();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--listen" -> listen = URI.create(args[i + 1]);
                case "--output" -> output = URI.create(args[i + 1]);
                case "--metrics" -> metrics = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (listen == null || output == null || args.length % 2 != 0) {
            System.err.println("usage: EmbeddedCollector --listen udp://HOST:PORT --output OUTPUT [--metrics HOST:PORT]");
            System.exit(2);
        }
        CollectorConfig cfg = d.toBuilder().listeners(List.of(listen)).output(output).stateDir(null).stateSaveSeconds(0)
                .metricsListen(metrics).statsJson(null).build();
        Collector c = Collector.start(cfg);
        Runtime.getRuntime().addShutdownHook(new Thread(c::close, "collector-stop"));
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the harness writes nothing; EOF means it is gone
                }
            } catch (IOException ignored) {
                // treated as EOF
            }
            System.exit(0);
        }, "parent-watch");
        watch.setDaemon(true);
        watch.start();
        c.awaitTermination();
    }
}
