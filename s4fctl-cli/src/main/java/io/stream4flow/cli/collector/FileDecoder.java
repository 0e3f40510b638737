package io.stream4flow.cli.collector;

import io.stream4flow.traffic.capture.CaptureCounter;
import io.stream4flow.traffic.capture.CaptureFormatException;
import io.stream4flow.traffic.capture.CaptureReader;
import io.stream4flow.traffic.capture.RawPayloadFile;
import io.stream4flow.collector.decode.DecoderLimits;
import io.stream4flow.collector.offline.DecodeSummary;
import io.stream4flow.collector.offline.OfflineDecoder;
import io.stream4flow.schema.ElementRegistry;
import io.stream4flow.schema.avro.FlowAvroJson;
import io.stream4flow.schema.avro.FlowAvroSchema;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The service behind {@code s4fctl collector decode}: feeds files, in the order given, through one
 * {@link OfflineDecoder} (the live collector's decoder and JSON encoder).
 *
 * <ul>
 *   <li>A capture (pcap, pcapng; told by {@link CaptureReader#isCapture}) is decoded payload by
 *       payload, every UDP payload from its source address and port, with the capture time as the
 *       decoder's clock. Packets that are not UDP payloads are counted as skipped, and one line on
 *       {@code notes} gives the capture counters by reason.
 *   <li>An Avro object container file of flow records (told by its magic: {@code Obj} and byte 1; as the
 *       collector writes with {@code file:PATH?format=avro}) is not decoded but printed: each record
 *       as the flow JSON the collector's JSON output has for it ({@link FlowAvroJson}: the same
 *       members and values, the typed columns' members after the others); one line on {@code notes}
 *       gives the number of records.
 *   <li>Any other file is a raw payload file ({@link RawPayloadFile}: one or more messages back
 *       to back), one payload from {@link OfflineDecoder#RAW_EXPORTER} port 0, so the raw files of
 *       a call form one exporter's stream. Its clock is {@link #RAW_CLOCK_MILLIS} for every file:
 *       nothing expires between files (templates and held data stay).
 * </ul>
 * An input that cannot be read to its end (truncated capture, raw file above the size bound)
 * gets one line on {@code notes} and counts in {@link DecodeSummary#inputErrors()}; what came
 * before the bad spot is decoded, and decoding goes on with the next file.
 *
 * <p>Not thread-safe: one call at a time.
 */
public final class FileDecoder {
    /** Records are written through a buffer of this size (bytes), flushed at the end. */
    static final int OUTPUT_BUFFER_BYTES = 64 * 1024;
    /** The clock of raw payloads, which carry no time. */
    static final long RAW_CLOCK_MILLIS = 0L;
    private static final int RAW_PORT = 0;

    private final ElementRegistry registry;
    private final DecoderLimits limits;

    public FileDecoder(ElementRegistry registry, DecoderLimits limits) {
        this.registry = registry;
        this.limits = limits;
    }

    /**
     * Decodes {@code files} in order.
     *
     * @param records receives one JSON object per record, one per line (flushed, not closed)
     * @param notes receives one line per capture and per input that could not be read
     * @return the totals, including data still waiting for a template at the end (counted expired)
     * @throws java.io.UncheckedIOException when writing to {@code records} fails
     */
    public DecodeSummary decode(List<Path> files, OutputStream records, PrintStream notes) {
        BufferedOutputStream out = new BufferedOutputStream(records, OUTPUT_BUFFER_BYTES);
        OfflineDecoder decoder = new OfflineDecoder(registry, limits, out);
        FlowAvroJson avro = new FlowAvroJson();
        try {
            for (Path f : files) {
                try {
                    if (isAvroContainer(f)) {
                        try (InputStream in = new BufferedInputStream(Files.newInputStream(f))) {
                            notes.println(f + ": " + avro.containerToJsonLines(in, out)
                                    + " records from an Avro container file");
                        }
                    } else if (CaptureReader.isCapture(f)) {
                        decodeCapture(f, decoder, notes);
                    } else {
                        byte[] b = RawPayloadFile.read(f);
                        decoder.payload(OfflineDecoder.RAW_EXPORTER, RAW_PORT, b, 0, b.length, RAW_CLOCK_MILLIS);
                    }
                } catch (IOException e) {
                    notes.println(e instanceof CaptureFormatException ? e.getMessage() : f + ": cannot read: " + e.getMessage());
                    decoder.inputError();
                }
            }
            decoder.finish();
        } finally {
            flush(out);
        }
        return decoder.summary();
    }

    private static boolean isAvroContainer(Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            byte[] head = in.readNBytes(4);
            return FlowAvroSchema.isContainer(head, head.length);
        }
    }

    private static void decodeCapture(Path f, OfflineDecoder decoder, PrintStream notes) throws IOException {
        try (CaptureReader capture = CaptureReader.open(f)) {
            try {
                capture.forEach((exporter, sourcePort, destinationPort, timeMillis, b, off, len) ->
                        decoder.payload(exporter, sourcePort, b, off, len, timeMillis));
            } finally {
                decoder.skipped(capture.count(CaptureCounter.PACKETS) - capture.count(CaptureCounter.UDP_PAYLOADS));
                notes.println(f + ": " + counters(capture));
            }
        }
    }

    private static String counters(CaptureReader capture) {
        StringBuilder s = new StringBuilder();
        for (CaptureCounter c : CaptureCounter.values()) {
            long n = capture.count(c);
            if (n > 0 || c == CaptureCounter.PACKETS || c == CaptureCounter.UDP_PAYLOADS) {
                s.append(s.length() == 0 ? "" : " ").append(c.metricName()).append('=').append(n);
            }
        }
        return s.toString();
    }

    private static void flush(OutputStream out) {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
