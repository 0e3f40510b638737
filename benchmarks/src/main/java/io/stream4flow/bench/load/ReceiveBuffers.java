package io.stream4flow.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel's cap on socket receive buffers ({@code net.core.rmem_max}). The collector asks for
 * 16 MiB (and nfcapd is given the same with {@code -B}); Debian's default cap is far lower, so when
 * the harness runs as root it raises the cap for the run, as {@code sysctl -w
 * net.core.rmem_max=33554432} would, and puts the old value back at the end.
 */
final class ReceiveBuffers implements AutoCloseable {
    static final Path RMEM_MAX = Path.of("/proc/sys/net/core/rmem_max");
    private final long original;
    private final long effective;
    private final boolean changed;
    private final String note;

    private ReceiveBuffers(long original, long effective, boolean changed, String note) {
        this.original = original;
        this.effective = effective;
        this.changed = changed;
        this.note = note;
    }

    static ReceiveBuffers raise(long wanted, Log log) {
        long original = read();
        if (original >= wanted) {
            return new ReceiveBuffers(original, original, false, "net.core.rmem_max is " + original + " (enough)");
        }
        try {
            Files.writeString(RMEM_MAX, Long.toString(wanted));
            String note = "raised net.core.rmem_max from " + original + " to " + wanted
                    + " for the run (as: sysctl -w net.core.rmem_max=" + wanted + "; restored at the end)";
            log.info(note);
            return new ReceiveBuffers(original, wanted, true, note);
        } catch (IOException | SecurityException e) {
            String note = "net.core.rmem_max is " + original + " and could not be raised (" + e.getMessage()
                    + "; run as root or: sysctl -w net.core.rmem_max=" + wanted + "): socket buffers are capped";
            log.info("WARNING " + note);
            return new ReceiveBuffers(original, original, false, note);
        }
    }

    private static long read() {
        try {
            return Long.parseLong(Procfs.read(RMEM_MAX).strip());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    long effective() {
        return effective;
    }

    String note() {
        return note;
    }

    @Override
    public void close() {
        if (changed && read() == effective) { // someone else may have set it meanwhile: leave theirs
            try {
                Files.writeString(RMEM_MAX, Long.toString(original));
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
