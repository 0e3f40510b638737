package io.stream4flow.traffic.replay;

import io.stream4flow.traffic.capture.CaptureReader;
import io.stream4flow.traffic.capture.RawPayloadFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link Replayer} sends, in order: captures (pcap, pcapng; re-read on every pass, so they
 * may be larger than memory) and payloads held in memory (raw payload files, read once when the
 * input is made, or payloads built by a benchmark). Immutable.
 */
public final class ReplayInput {
    /** Largest payload of one UDP datagram over IPv4 (65535 - 20 - 8 bytes). */
    public static final int MAX_DATAGRAM_BYTES = 65_507;

    /** One capture file, or one payload (then {@code file} names where it came from, or is null). */
    record Item(Path capture, byte[] payload, Path file) { }

    private final List<Item> items;

    private ReplayInput(List<Item> items) {
        this.items = List.copyOf(items);
    }

    /**
     * Files in the order given: a capture (told by {@link CaptureReader#isCapture}) sends each of its
     * UDP payloads; any other file is a raw payload file ({@link RawPayloadFile}) and is sent whole,
     * as one datagram, so it is read now.
     *
     * @throws IllegalArgumentException naming the file when a raw payload file is larger than
     *     {@link #MAX_DATAGRAM_BYTES}
     * @throws IOException when a file cannot be read
     */
    public static ReplayInput files(List<Path> files) throws IOException {
        List<Item> items = new ArrayList<>();
        for (Path f : files) {
            if (CaptureReader.isCapture(f)) {
                items.add(new Item(f, null, f));
            } else {
                byte[] b = RawPayloadFile.read(f);
                if (b.length > MAX_DATAGRAM_BYTES) {
                    throw new IllegalArgumentException(f + ": a raw payload file of " + b.length
                            + " bytes does not fit in one UDP datagram (" + MAX_DATAGRAM_BYTES + " bytes)");
                }
                items.add(new Item(null, b, f));
            }
        }
        return new ReplayInput(items);
    }

    /**
     * Payloads held in memory, one datagram each, with no timing.
     *
     * @throws IllegalArgumentException when one is larger than {@link #MAX_DATAGRAM_BYTES}
     */
    public static ReplayInput payloads(List<byte[]> payloads) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            byte[] b = payloads.get(i);
            if (b.length > MAX_DATAGRAM_BYTES) {
                throw new IllegalArgumentException("payload " + i + " of " + b.length
                        + " bytes does not fit in one UDP datagram (" + MAX_DATAGRAM_BYTES + " bytes)");
            }
            items.add(new Item(null, b.clone(), null));
        }
        return new ReplayInput(items);
    }

    List<Item> items() {
        return items;
    }
}
