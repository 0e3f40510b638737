package io.stream4flow.cli.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How {@code s4fctl down} tells a foreground {@code s4fctl up} in another terminal that the parts it
 * watches are being stopped on purpose: the file {@code down.requested} in the stack's home, written
 * before the first part is stopped, holding the pid of that {@code down} and the time it was asked
 * (epoch ms). The foreground {@code up} then reports the stop as asked for and exits 0 instead of
 * reporting a part that stopped by itself.
 */
final class StopRequest {
    static final String FILE = "down.requested";

    private StopRequest() { }

    /** Records that a stop was asked for now, by this process. */
    static void write(StackHome home) {
        try {
            Files.createDirectories(home.root());
            Files.writeString(file(home), ProcessHandle.current().pid() + " " + System.currentTimeMillis() + "\n",
                    StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new StackException("cannot write " + file(home) + ": " + e.getMessage(), e);
        }
    }

    /** The pid of the {@code down} that asked for a stop at or after {@code sinceMillis}, if one did. */
    static Optional<Long> since(StackHome home, long sinceMillis) {
        try {
            String[] parts = Files.readString(file(home), StandardCharsets.US_ASCII).strip().split("\\s+");
            return parts.length == 2 && Long.parseLong(parts[1]) >= sinceMillis
                    ? Optional.of(Long.parseLong(parts[0])) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Forgets an earlier request (at the start of a foreground {@code up}). */
    static void clear(StackHome home) {
        try {
            Files.deleteIfExists(file(home));
        } catch (IOException ignored) {
            // an old request is ignored anyway: it is older than the up that reads it
        }
    }

    private static Path file(StackHome home) {
        return home.root().resolve(FILE);
    }
}
