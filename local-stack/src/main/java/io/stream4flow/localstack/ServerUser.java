package io.stream4flow.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The operating-system user a server runs as. Elasticsearch refuses to run as root, so when this JVM is root it
 * runs as the dedicated system user {@value #ES_USER} (created once with {@code useradd --system}), started through
 * {@code setpriv}, which executes the server in place (no extra process between this JVM and the server, so signals
 * reach it directly). When this JVM is not root, servers run as the current user and nothing here does anything.
 *
 * <p>Stateless; safe from any thread. Creating the user and changing owners run external commands and take a few
 * milliseconds.
 */
final class ServerUser {

    /** The system user Elasticsearch runs as when this JVM is root. */
    static final String ES_USER = "s4f-elastic";

    private static final long COMMAND_TIMEOUT_SECONDS = 60;

    private final String name;

    private ServerUser(String name) {
        this.name = name;
    }

    /** The user Elasticsearch runs as: {@value #ES_USER} when this JVM is root, else nobody different. */
    static ServerUser forElasticsearch() {
        return isRoot() ? new ServerUser(ES_USER) : new ServerUser(null);
    }

    /** Whether this JVM runs as root (uid 0, from {@code /proc/self/status}; {@code user.name} if unreadable). */
    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/self/status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("Uid:")) {
                    return line.substring(4).trim().split("\\s+")[1].equals("0");
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return "root".equals(System.getProperty("user.name"));
    }

    /** Whether the server runs as another user than this JVM's. */
    boolean isDedicated() {
        return name != null;
    }

    /** The user's name; {@code null} when not {@linkplain #isDedicated() dedicated}. */
    String name() {
        return name;
    }

    /** Creates the user if it does not exist yet (root only). */
    void ensureExists() {
        if (!isDedicated() || run(List.of("id", "-u", name)) == 0) {
            return;
        }
        int exit = run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
                "--user-group", name));
        if (exit != 0 && run(List.of("id", "-u", name)) != 0) {
            throw new LocalStackException("cannot create the system user " + name + " that Elasticsearch runs as"
                    + " when started by root (useradd exit code " + exit + "); create it yourself with `useradd"
                    + " --system --no-create-home --shell /usr/sbin/nologin " + name + "`, or run as another user.");
        }
    }

    /** Makes the user own {@code dir} and everything below it ({@code chown -R}); nothing when not dedicated. */
    void own(Path dir) {
        if (!isDedicated()) {
            return;
        }
        int exit = run(List.of("chown", "-R", name + ":" + name, dir.toString()));
        if (exit != 0) {
            throw new LocalStackException("cannot give " + dir + " to the user " + name + " (chown exit code "
                    + exit + ").");
        }
    }

    /**
     * Throws a {@link LocalStackException} naming the first folder on the way to {@code path} that the user cannot
     * enter (no execute permission for it), with what to do. Checks owner, group (the user's own group) and other
     * bits; ACLs are not looked at. Nothing when not dedicated.
     */
    void requireCanReach(Path path, String what) {
        if (!isDedicated()) {
            return;
        }
        Path absolute = path.toAbsolutePath().normalize();
        List<Path> ancestors = new ArrayList<>();
        for (Path p = absolute.getParent(); p != null; p = p.getParent()) {
            ancestors.add(0, p);
        }
        for (Path dir : ancestors) {
            if (!Files.exists(dir)) {
                return; // created below by root with mode 755
            }
            try {
                PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class);
                var mode = attributes.permissions();
                boolean enter = attributes.owner().getName().equals(name)
                        ? mode.contains(PosixFilePermission.OWNER_EXECUTE)
                        : attributes.group().getName().equals(name)
                                ? mode.contains(PosixFilePermission.GROUP_EXECUTE)
                                : mode.contains(PosixFilePermission.OTHERS_EXECUTE);
                if (!enter) {
                    throw new LocalStackException("Elasticsearch runs as the user " + name + " (it refuses root),"
                            + " which cannot enter " + dir + " (mode "
                            + java.nio.file.attribute.PosixFilePermissions.toString(mode) + ") on the way to its "
                            + what + " " + absolute + "; choose a folder it can reach (the default for root is "
                            + ElasticsearchNode.ROOT_HOME + "), or allow it with `chmod o+x " + dir + "`.");
                }
            } catch (IOException e) {
                throw new LocalStackException("cannot read the permissions of " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    /** The command prefix that runs a program as this user ({@code setpriv ...}); empty when not dedicated. */
    List<String> commandPrefix() {
        if (!isDedicated()) {
            return List.of();
        }
        if (!Files.isExecutable(Paths.get("/usr/bin/setpriv")) && !Files.isExecutable(Paths.get("/bin/setpriv"))) {
            throw new LocalStackException("setpriv not found (package util-linux): it is needed to run Elasticsearch"
                    + " as the user " + name + " when started by root.");
        }
        return List.of("setpriv", "--reuid=" + name, "--regid=" + name, "--init-groups", "--");
    }

    private static int run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while running " + command, e);
        }
    }
}
