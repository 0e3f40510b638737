package io.stream4flow.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starting server processes in a session of their own ({@code setsid}), so that a Ctrl-C in the terminal (SIGINT
 * to the whole foreground process group) reaches only the program that started them, which then stops them in
 * order (the collector flushes to Kafka before Kafka stops), instead of every process at once.
 *
 * <p>{@code setsid} (util-linux) calls setsid(2) and then execs the command, so the pid stays the command's own.
 * Where there is no {@code setsid} (not Linux) commands are left as they are.
 */
public final class Sessions {
    private static final Path SETSID = findSetsid();

    private Sessions() {
    }

    /** {@code command} prefixed with {@code setsid} where there is one; the list given is not changed. */
    public static List<String> ownSession(List<String> command) {
        if (SETSID == null) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(command.size() + 1);
        wrapped.add(SETSID.toString());
        wrapped.addAll(command);
        return wrapped;
    }

    private static Path findSetsid() {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path p = Path.of(dir, "setsid");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
