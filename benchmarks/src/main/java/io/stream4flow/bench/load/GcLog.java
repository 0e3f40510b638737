package io.stream4flow.bench.load;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heap use of a child JVM from its unified GC log ({@code -Xlog:gc:file=PATH}), read incrementally:
 * each {@link #read} covers the pauses logged since the previous one. A G1 pause line:
 * <pre>
 * [12.345s][info][gc] GC(17) Pause Young (Normal) (G1 Evacuation Pause) 150M-&gt;21M(256M) 3.104ms
 *                                                                    before  after committed pause
 * </pre>
 */
final class GcLog {
    private static final Pattern PAUSE =
            Pattern.compile("GC\\(\\d+\\) (Pause [^0-9]*?) ?(\\d+)M->(\\d+)M\\((\\d+)M\\) ([0-9.]+)ms");

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
}
