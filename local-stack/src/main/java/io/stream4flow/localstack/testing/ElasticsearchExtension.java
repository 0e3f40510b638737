package io.stream4flow.localstack.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import io.stream4flow.localstack.ElasticsearchNode;

/**
 * JUnit 5 extension giving integration tests one real Elasticsearch node, shared by every test class of the test
 * JVM.
 *
 * <p>The node starts lazily, on the first test class that uses the extension, on free ports, with a fresh data
 * directory {@code <java.io.tmpdir>/s4f-es-test-*} (mode 755, so that the user {@code s4f-elastic} that runs it
 * when the tests run as root can reach it) and a 512 MB heap. The distribution is unpacked once into
 * {@code <java.io.tmpdir>/stream4flow-elasticsearch/dist-<version>} and kept for later runs. The node stops when
 * the JUnit run ends, and at the latest when the JVM exits or dies; the data directory is then deleted. If it fails
 * to start, every test class using it fails with the same message (naming the node's log) without trying again.
 *
 * <p>Use it through {@link ElasticsearchIntegrationTest}, then declare an {@link ElasticsearchNode} parameter or
 * call {@link #node()} / {@link #httpUrl()}. Tests share the node: give each test its own indices
 * ({@link #uniqueName(String)}), and never stop it.
 *
 * <p>Thread safety: usable from tests running in parallel.
 */
public final class ElasticsearchExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ElasticsearchExtension.class);
    private static final AtomicInteger NAMES = new AtomicInteger();

    private static ElasticsearchNode shared;
    private static Path sharedDataDir;
    private static RuntimeException startFailure;

    @Override
    public void beforeAll(ExtensionContext context) {
        nodeForRun(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ElasticsearchNode.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return nodeForRun(context);
    }

    private static ElasticsearchNode nodeForRun(ExtensionContext context) {
        ElasticsearchNode node = node();
        // closed by JUnit at the end of the whole run (the root context's store), before JVM exit
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(StopAtEndOfRun.class, k -> new StopAtEndOfRun(),
                StopAtEndOfRun.class);
        return node;
    }

    /**
     * The shared node, started if it is not yet; a {@link io.stream4flow.localstack.LocalStackException} if it
     * cannot start.
     */
    public static synchronized ElasticsearchNode node() {
        if (startFailure != null) {
            throw new IllegalStateException("the shared Elasticsearch node failed to start earlier in this run: "
                    + startFailure.getMessage(), startFailure);
        }
        if (shared == null) {
            try {
                Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
                sharedDataDir = Files.createTempDirectory(tmp, "s4f-es-test-");
                Files.setPosixFilePermissions(sharedDataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
                ElasticsearchNode node = ElasticsearchNode.builder()
                        .dataDir(sharedDataDir)
                        .distributionDir(sharedDistributionDir())
                        .httpPort(0)
                        .heap("512m")
                        .build()
                        .start();
                shared = node;
                System.out.printf("[local-stack] Elasticsearch node for the tests of this JVM started at %s in %d ms"
                        + " (log: %s)%n", node.httpUrl(), node.startDuration().toMillis(), node.logFile());
            } catch (IOException e) {
                startFailure = new IllegalStateException("cannot create a temporary directory for Elasticsearch", e);
                throw startFailure;
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return shared;
    }

    /** {@code http://127.0.0.1:<port>} of the shared node (started if it is not yet). */
    public static String httpUrl() {
        return node().httpUrl();
    }

    /**
     * A lower-case name unique in this run, {@code <prefix>-<n>-<random>}, for an index, template or alias; does
     * not create anything.
     */
    public static String uniqueName(String prefix) {
        return (prefix + "-" + NAMES.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT);
    }

    /**
     * Where the tests unpack the distribution: {@code <java.io.tmpdir>/stream4flow-elasticsearch/dist-<version>}
     * (the version folder comes from the node; only the parent is chosen here), kept between runs.
     */
    static Path sharedDistributionDir() throws IOException {
        Path parent = Paths.get(System.getProperty("java.io.tmpdir"), "stream4flow-elasticsearch");
        Files.createDirectories(parent);
        return parent.resolve("dist-" + ElasticsearchNode.distributionVersion());
    }

    /** Stops the shared node and deletes its data; the next {@link #node()} starts a new one. */
    static synchronized void stopShared() {
        if (shared != null) {
            shared.stop();
            shared = null;
        }
        if (sharedDataDir != null) {
            KafkaExtension.deleteRecursively(sharedDataDir);
            sharedDataDir = null;
        }
    }

    /** Held in the root store: JUnit closes it when the run ends. */
    private static final class StopAtEndOfRun implements AutoCloseable {
        @Override
        public void close() {
            stopShared();
        }
    }
}
