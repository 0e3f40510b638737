package io.stream4flow.cli.elasticsearch;

import io.stream4flow.cli.CommandFailure;
import io.stream4flow.cli.ExitCode;
import io.stream4flow.cli.GracefulStop;
import io.stream4flow.cli.ServerSecurityOptions;
import io.stream4flow.localstack.ElasticsearchNode;
import io.stream4flow.localstack.ServerSecurity;
import io.stream4flow.localstack.LocalStackException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code s4fctl elasticsearch run [--host ADDRESS] [--port N] [--data DIR] [--heap SIZE]}: one Elasticsearch node
 * ({@link ElasticsearchNode} of local-stack: single-node discovery, security off, run as its own user when started
 * by root) in the foreground until SIGTERM or Ctrl-C, as a service manager expects. The distribution is the zip the
 * build fetched from Maven Central, or the one {@code S4F_ELASTICSEARCH_ZIP} names (a deployment's bundle).
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run an Elasticsearch node (single node, security off) in the foreground.",
            "stderr: one line once it answers: its URL, data directory and log. Stops it on SIGTERM or Ctrl-C."},
        footerHeading = "%nExample:%n", footer = "  s4fctl elasticsearch run --host 10.0.0.3 --data /var/lib/s4f/es")
public final class ElasticsearchRunCommand implements Callable<Integer> {
    private static final long WATCH_MILLIS = 500;

    @Spec
    private CommandSpec spec;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address it listens on (HTTP and transport). Default: ${DEFAULT-VALUE}.")
    private String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ElasticsearchNode.DEFAULT_HTTP_PORT,
            description = "HTTP port. Default: ${DEFAULT-VALUE}.")
    private int port;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data directory (indices, configuration, log). Default: the local stack's.")
    private Path data;

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "1g",
            description = "Heap of the node (512m, 1g). Default: ${DEFAULT-VALUE}.")
    private String heap;

    @Mixin
    private ServerSecurityOptions security;

    private final PrintStream err;

    public ElasticsearchRunCommand(PrintStream err) {
        this.err = err;
    }

    @Override
    public Integer call() throws InterruptedException {
        ElasticsearchNode node;
        try {
            ElasticsearchNode.Builder builder = ElasticsearchNode.builder().host(host).httpPort(port).heap(heap)
                    .dataDir((data != null ? data : ElasticsearchNode.defaultDataDir()).toAbsolutePath().normalize())
                    .stopWithThisJvm(true);
            ServerSecurity secured = security.security();
            node = (secured == null ? builder : builder.security(secured)).build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        CountDownLatch stopRequested = new CountDownLatch(1);
        try (GracefulStop stop = GracefulStop.install(stopRequested::countDown)) {
            node.start();
            err.println("elasticsearch listening on " + node.httpUrl() + " (data: " + node.dataDir() + ", log: "
                    + node.logFile() + ")");
            err.flush();
            while (!stopRequested.await(WATCH_MILLIS, TimeUnit.MILLISECONDS)) {
                if (!node.isRunning()) {
                    throw new CommandFailure(ExitCode.FAILURE, "the Elasticsearch node stopped by itself; its log: "
                            + node.logFile());
                }
            }
        } catch (LocalStackException e) {
            throw new CommandFailure(ExitCode.FAILURE, e.getMessage());
        } finally {
            node.stop();
        }
        return ExitCode.OK;
    }
}
