package io.stream4flow.cli.deploy;

import io.stream4flow.cli.Checkout;
import io.stream4flow.cli.CommandFailure;
import io.stream4flow.cli.ExitCode;
import io.stream4flow.cli.spark.SparkStandalone;
import io.stream4flow.cli.stack.ClusterDriver;
import io.stream4flow.cli.stack.StackException;
import io.stream4flow.localstack.ElasticsearchNode;
import io.stream4flow.localstack.KafkaBroker;
import io.stream4flow.localstack.LocalStackException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code s4fctl deploy bundle DIR}: what the Ansible roles copy onto the hosts, gathered from this build: {@code
 * s4fctl.jar} (the collector and the services' launcher), {@code kafka.tar} (the broker's jars, as resolved from
 * the local Maven repository), {@code elasticsearch.zip} (the distribution the local stack runs), {@code
 * spark.tar} (a Spark home as {@code s4fctl spark home} makes it, its jars copied instead of linked) and {@code
 * jobs.tar} (the jobs' driver classpath as {@code NNN-NAME.jar}, numbered in classpath order, for {@link
 * ClusterDriver#CLASSPATH_PROPERTY}). One archive
 * is one file to copy instead of dozens, and it is the same bytes for the same jars (entries in name order, each
 * with its jar's time, owner 0), so a second deploy copies nothing.
 */
@Command(name = "bundle", mixinStandardHelpOptions = true,
        description = {"Gather what the Ansible roles copy onto the hosts into DIR: s4fctl.jar, kafka.tar (the "
                + "broker's jars), elasticsearch.zip, spark.tar (a Spark home) and jobs.tar (the jobs' jars), ready "
                + "for ansible-playbook site.yml."},
        footerHeading = "%nExample:%n", footer = "  s4fctl deploy bundle ansible/bundle")
public final class DeployBundleCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "Where the bundle goes (created if missing).")
    private Path dir;

    private final PrintStream err;

    public DeployBundleCommand(PrintStream err) {
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        bundle(dir, err);
        return ExitCode.OK;
    }

    /** Gathers the bundle into {@code dir}; one line on {@code err}. */
    static void bundle(Path dir, PrintStream err) throws IOException {
        Path self = selfJar();
        List<Path> kafka;
        Path elasticsearch;
        try {
            kafka = KafkaBroker.jars();
            elasticsearch = ElasticsearchNode.distributionZip();
        } catch (LocalStackException e) {
            throw new CommandFailure(ExitCode.FAILURE, e.getMessage());
        }
        Files.createDirectories(dir);
        int copied = copy(self, dir.resolve("s4fctl.jar"));
        Map<String, Path> kafkaEntries = new HashMap<>();
        for (Path jar : kafka) {
            kafkaEntries.put(jar.getFileName().toString(), jar);
        }
        copied += tar(kafkaEntries, dir.resolve("kafka.tar"));
        copied += copy(elasticsearch, dir.resolve("elasticsearch.zip"));
        Path sparkHome = Files.createTempDirectory(dir.toAbsolutePath(), ".spark-home");
        int sparkJars;
        try {
            SparkStandalone.assembleHome(sparkHome);
            // RELEASE is written anew each time: a fixed time keeps the tar the same bytes for the same jars
            Files.setLastModifiedTime(sparkHome.resolve("RELEASE"), FileTime.fromMillis(0));
            Map<String, Path> sparkEntries = new HashMap<>();
            sparkEntries.put("RELEASE", sparkHome.resolve("RELEASE"));
            try (Stream<Path> links = Files.list(sparkHome.resolve("jars"))) {
                for (Path link : links.toList()) {
                    sparkEntries.put("jars/" + link.getFileName(), link.toRealPath());
                }
            }
            sparkJars = sparkEntries.size() - 1;
            copied += tar(sparkEntries, dir.resolve("spark.tar"));
        } finally {
            deleteTree(sparkHome);
        }
        List<Path> jobs = jobsClasspath();
        Map<String, Path> jobsEntries = new HashMap<>();
        for (int i = 0; i < jobs.size(); i++) {
            jobsEntries.put(String.format(Locale.ROOT, "%03d-%s", i, jobs.get(i).getFileName()), jobs.get(i));
        }
        copied += tar(jobsEntries, dir.resolve("jobs.tar"));
        err.println("bundle " + dir.toAbsolutePath().normalize() + ": s4fctl.jar, kafka.tar (" + kafka.size()
                + " jars), elasticsearch.zip (" + ElasticsearchNode.distributionVersion() + "), spark.tar (a Spark "
                + "home, " + sparkJars + " jars), jobs.tar (" + jobs.size() + " jars); " + copied + " of 5 written, "
                + "the others up to date");
    }

    /** This s4fctl's jar; a build that runs from classes (tests, the IDE) has none to bundle. */
    private static Path selfJar() {
        Path self = Checkout.self();
        if (!Files.isRegularFile(self)) {
            throw new CommandFailure(ExitCode.FAILURE, "this s4fctl runs from " + self + ", not from its jar: run "
                    + "./s4fctl deploy bundle, which builds s4fctl-cli/target/s4fctl.jar");
        }
        return self;
    }

    /** The jobs' driver classpath, every entry a jar (a build without {@code package} has a classes folder first). */
    private static List<Path> jobsClasspath() {
        List<Path> jobs;
        try {
            jobs = ClusterDriver.classpath();
        } catch (StackException e) {
            throw new CommandFailure(ExitCode.FAILURE, e.getMessage());
        }
        for (Path p : jobs) {
            if (!Files.isRegularFile(p)) {
                throw new CommandFailure(ExitCode.FAILURE, "the jobs' classpath has " + p + ", not a jar: run "
                        + "./s4fctl deploy bundle, which packages the cluster module");
            }
        }
        return jobs;
    }

    /**
     * Writes a tar of the files, each under its entry name, in name order, at {@code to} unless the same bytes are
     * there already; 1 if written.
     */
    private static int tar(Map<String, Path> entries, Path to) throws IOException {
        Path tmp = Files.createTempFile(to.toAbsolutePath().getParent(), ".bundle", ".tar");
        try {
            try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tmp))) {
                out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                for (Map.Entry<String, Path> entry : new TreeMap<>(entries).entrySet()) {
                    Path f = entry.getValue();
                    TarArchiveEntry e = new TarArchiveEntry(entry.getKey());
                    e.setSize(Files.size(f));
                    e.setMode(0100644);
                    e.setModTime(Files.getLastModifiedTime(f));
                    e.setIds(0, 0);
                    e.setNames("root", "root");
                    out.putArchiveEntry(e);
                    Files.copy(f, out);
                    out.closeArchiveEntry();
                }
            }
            if (Files.isRegularFile(to) && Files.mismatch(tmp, to) == -1) {
                return 0;
            }
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return 1;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static int copy(Path from, Path to) throws IOException {
        if (Files.isRegularFile(to) && Files.mismatch(from, to) == -1) {
            return 0;
        }
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        return 1;
    }
}
