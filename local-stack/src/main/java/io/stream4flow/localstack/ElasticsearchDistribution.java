package io.stream4flow.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Elasticsearch server as shipped in {@code org.elasticsearch.distribution.integ-test-zip:elasticsearch:<v>:zip}:
 * finding the zip in the local Maven repository and unpacking it once.
 *
 * <p>The build writes the zip's path ({@value #PATH_RESOURCE}, one entry {@code M2_REPO/...}) with
 * {@code maven-dependency-plugin:build-classpath}, and the version ({@value #BUILD_RESOURCE}); the same build
 * downloads the zip, so starting a node needs no network. {@code M2_REPO} is resolved as for
 * {@link BrokerClasspath}. Override: {@code -Ds4f.elasticsearch.zip=<file>} or {@code S4F_ELASTICSEARCH_ZIP}.
 *
 * <p>Stateless; safe from any thread and from several processes at once (unpacking goes to a temporary folder that
 * is renamed into place, so a reader never sees half a distribution).
 */
final class ElasticsearchDistribution {

    static final String PATH_RESOURCE = "io/stream4flow/localstack/elasticsearch-distribution.classpath";
    static final String BUILD_RESOURCE = "io/stream4flow/localstack/elasticsearch.properties";
    static final String OVERRIDE_PROPERTY = "s4f.elasticsearch.zip";
    static final String OVERRIDE_ENV = "S4F_ELASTICSEARCH_ZIP";

    private static final String HOW_TO_FIX = "run `mvn -pl local-stack -am verify -DskipTests` in the Stream4Flow "
            + "repository (it downloads the zip into the local Maven repository), or point -D" + OVERRIDE_PROPERTY
            + " at the zip";

    private ElasticsearchDistribution() {
    }

    /** The Elasticsearch version this build was made with ({@code 8.19.21}). */
    static String version() {
        String text = readResource(BUILD_RESOURCE);
        Properties build = load(text);
        String version = build.getProperty("elasticsearch.version");
        if (version == null || version.contains("${")) {
            throw new LocalStackException("the resource " + BUILD_RESOURCE + " does not name the Elasticsearch "
                    + "version (built without the local-stack module's pom?). To fix: " + HOW_TO_FIX + ".");
        }
        return version;
    }

    /** The distribution zip, which exists; a {@link LocalStackException} saying how to get it if not. */
    static Path zip() {
        String override = System.getProperty(OVERRIDE_PROPERTY, System.getenv(OVERRIDE_ENV));
        if (override != null && !override.isBlank()) {
            Path zip = Paths.get(override.trim());
            if (!Files.isRegularFile(zip)) {
                throw new LocalStackException("Elasticsearch distribution not found: " + zip + " (from -D"
                        + OVERRIDE_PROPERTY + " or " + OVERRIDE_ENV + ") is not a file.");
            }
            return zip;
        }
        String entry = readResource(PATH_RESOURCE);
        if (entry == null || !entry.trim().startsWith(BrokerClasspath.REPO_MARKER)) {
            throw new LocalStackException("Elasticsearch distribution not found: the resource " + PATH_RESOURCE
                    + " is missing or empty. To fix: " + HOW_TO_FIX + ".");
        }
        String relative = entry.trim().substring(BrokerClasspath.REPO_MARKER.length());
        List<Path> repositories = BrokerClasspath.candidateRepositories(
                load(readResource(BUILD_RESOURCE)).getProperty("build.localRepository"));
        for (Path repository : repositories) {
            Path zip = repository.resolve(relative);
            if (Files.isRegularFile(zip)) {
                return zip;
            }
        }
        throw new LocalStackException("Elasticsearch distribution not found: " + relative + " is in none of the"
                + " local Maven repositories " + repositories + ". To fix: " + HOW_TO_FIX + ".");
    }

    /**
     * {@code dir} holding the unpacked distribution ({@code bin/}, {@code lib/}, {@code modules/}, ...), unpacked
     * from {@code zip} if {@code dir} does not exist yet. Directories get mode 755, files 644, the shell scripts in
     * {@code bin/} 755, so a dedicated server user can read it all while root owns it.
     */
    static Path unpackOnce(Path zip, Path dir) {
        if (Files.isDirectory(dir.resolve("lib"))) {
            return dir;
        }
        Path temp = dir.resolveSibling("." + dir.getFileName() + ".unpacking-" + UUID.randomUUID());
        try {
            Files.createDirectories(temp);
            unzipStrippingTopFolder(zip, temp);
            try {
                Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
                // another process unpacked it at the same time: keep theirs
            } catch (AtomicMoveNotSupportedException e) {
                throw new LocalStackException("cannot rename " + temp + " to " + dir + ": " + e.getMessage(), e);
            }
            return dir;
        } catch (IOException e) {
            throw new LocalStackException("cannot unpack the Elasticsearch distribution " + zip + " into " + dir
                    + ": " + e, e);
        } finally {
            deleteRecursively(temp);
        }
    }

    private static void unzipStrippingTopFolder(Path zip, Path target) throws IOException {
        var dirMode = PosixFilePermissions.fromString("rwxr-xr-x");
        var fileMode = PosixFilePermissions.fromString("rw-r--r--");
        int files = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String name = entry.getName();
                int slash = name.indexOf('/');
                String inner = slash < 0 ? "" : name.substring(slash + 1);
                if (inner.isEmpty()) {
                    continue;
                }
                Path out = target.resolve(inner).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("entry outside the distribution folder: " + name);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    Files.setPosixFilePermissions(out, dirMode);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    boolean script = inner.startsWith("bin/") && !inner.endsWith(".bat") && !inner.endsWith(".exe");
                    Files.setPosixFilePermissions(out, script ? dirMode : fileMode);
                    files++;
                }
            }
        }
        if (!Files.isDirectory(target.resolve("lib")) || files == 0) {
            throw new IOException(zip + " does not look like an Elasticsearch distribution (no lib/ folder)");
        }
        // createDirectories made parents with the umask's mode; make them all readable by the server user
        try (Stream<Path> dirs = Files.walk(target)) {
            for (Path d : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                Files.setPosixFilePermissions(d, dirMode);
            }
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // what is left behind is a hidden temporary folder, harmless
        }
    }

    private static Properties load(String text) {
        Properties properties = new Properties();
        if (text != null) {
            try {
                properties.load(new StringReader(text));
            } catch (IOException e) {
                throw new IllegalStateException("unreadable " + BUILD_RESOURCE, e);
            }
        }
        return properties;
    }

    private static String readResource(String name) {
        try (InputStream in = ElasticsearchDistribution.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LocalStackException("cannot read the resource " + name + ": " + e.getMessage(), e);
        }
    }
}
