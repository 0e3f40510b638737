package io.stream4flow.bench.load;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heap use of a child JVM from its unified GC log ({@code -Xlog:gc,gc+heap+exit:file=PATH}), read
 * incrementally: each {@link #read} covers the pauses logged since the previous one. A G1 pause line:
 * <pre>
 * [12.345s][info][gc] GC(17) Pause Young (Normal) (G1 Evacuation Pause) 150M-&gt;21M(256M) 3.104ms
 *                                                                    before  after committed pause
 * </pre>
 * and, when the JVM exits, the heap as it was then ({@link #atExit}):
 * <pre>
 * [61.2s][info][gc,heap,exit]  garbage-first heap   total 262144K, used 19208K [0x..., 0x...)
 * </pre>
 * Between two pauses the heap in use only grows, so the largest "before" of the pauses and the use
 * at exit together give the most heap the JVM ever used.
 */
final class GcLog {
    private static final Pattern PAUSE =
            Pattern.compile("GC\\(\\d+\\) (Pause [^0-9]*?) ?(\\d+)M->(\\d+)M\\((\\d+)M\\) ([0-9.]+)ms");
    private static final Pattern AT_EXIT = Pattern.compile("\\[gc,heap,exit *\\] +\\S+ heap +total (\\d+)K, used (\\d+)K");

    /** The pauses of one interval: counts, pause time, and heap sizes in MiB. */
    record Heap(int pauses, int fullPauses, double pauseMillis, double maxPauseMillis, int maxUsedBeforeMiB,
                int maxLiveAfterMiB, int maxCommittedMiB) {
        static final Heap NONE = new Heap(0, 0, 0, 0, 0, 0, 0);

        Heap plus(Heap o) {
            return new Heap(pauses + o.pauses, fullPauses + o.fullPauses, pauseMillis + o.pauseMillis,
                    Math.max(maxPauseMillis, o.maxPauseMillis), Math.max(maxUsedBeforeMiB, o.maxUsedBeforeMiB),
                    Math.max(maxLiveAfterMiB, o.maxLiveAfterMiB), Math.max(maxCommittedMiB, o.maxCommittedMiB));
        }
    }

    private final Path file;
    private long offset;

    GcLog(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** The pauses logged since the last call (complete lines only). */
    Heap read() throws IOException {
        if (!Files.isRegularFile(file)) {
            return Heap.NONE;
        }
        String text;
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long length = f.length();
            if (length <= offset) {
                return Heap.NONE;
            }
            byte[] b = new byte[(int) Math.min(length - offset, 64L << 20)];
            f.seek(offset);
            f.readFully(b);
            text = new String(b, StandardCharsets.ISO_8859_1);
        }
        int lastNewline = text.lastIndexOf('\n');
        if (lastNewline < 0) {
            return Heap.NONE;
        }
        offset += lastNewline + 1;
        int pauses = 0;
        int full = 0;
        double total = 0;
        double max = 0;
        int before = 0;
        int after = 0;
        int committed = 0;
        Matcher m = PAUSE.matcher(text.substring(0, lastNewline + 1));
        while (m.find()) {
            pauses++;
            if (m.group(1).startsWith("Pause Full")) {
                full++;
            }
            double ms = Double.parseDouble(m.group(5));
            total += ms;
            max = Math.max(max, ms);
            before = Math.max(before, Integer.parseInt(m.group(2)));
            after = Math.max(after, Integer.parseInt(m.group(3)));
            committed = Math.max(committed, Integer.parseInt(m.group(4)));
        }
        return new Heap(pauses, full, total, max, before, after, committed);
    }

    /** The heap when the JVM exited, in MiB (rounded up): in use, and committed ("total"). */
    record AtExit(int usedMiB, int committedMiB) {
        static final AtExit UNKNOWN = new AtExit(-1, -1);
    }

    /**
     * The heap when the JVM exited, from the whole log; {@link AtExit#UNKNOWN} when the log has no
     * such line (the JVM was killed, or is still running).
     */
    AtExit atExit() {
        if (!Files.isRegularFile(file)) {
            return AtExit.UNKNOWN;
        }
        try {
            Matcher m = AT_EXIT.matcher(Files.readString(file, StandardCharsets.ISO_8859_1));
            AtExit last = AtExit.UNKNOWN;
            while (m.find()) {
                last = new AtExit((int) ((Long.parseLong(m.group(2)) + 1023) / 1024),
                        (int) ((Long.parseLong(m.group(1)) + 1023) / 1024));
            }
            return last;
        } catch (IOException e) {
            return AtExit.UNKNOWN;
        }
    }
}
