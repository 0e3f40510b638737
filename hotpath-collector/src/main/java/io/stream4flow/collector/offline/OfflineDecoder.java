package io.stream4flow.collector.offline;

import io.stream4flow.collector.decode.DecoderLimits;
import io.stream4flow.collector.decode.ExporterState;
import io.stream4flow.collector.decode.FlowDecoder;
import io.stream4flow.collector.decode.RecordHandler;
import io.stream4flow.collector.encode.FlowJsonEncoder;
import io.stream4flow.schema.ElementRegistry;
import io.stream4flow.schema.JsonBuffer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes exporter payloads read from files (captures or raw payload files) with one {@link
 * ExporterState} per exporter address, writing one JSON line per record to an output stream in
 * arrival order. The same decoder and encoder as the live collector.
 */
public final class OfflineDecoder {
    /** Address used for raw payload files, which carry no exporter address. */
    public static final byte[] RAW_EXPORTER = {127, 0, 0, 1};

    private final FlowDecoder decoder;
    private final FlowJsonEncoder encoder;
    private final DecoderLimits limits;
    private final Map<String, ExporterState> exporters = new LinkedHashMap<>();
    private final JsonBuffer json = new JsonBuffer(4096);
    private final OutputStream out;
    private final RecordHandler handler;
    private long skipped;
    private long inputErrors;

    public OfflineDecoder(ElementRegistry registry, DecoderLimits limits, OutputStream out) {
        this.decoder = new FlowDecoder(registry, limits);
        this.encoder = new FlowJsonEncoder(registry, limits.maxFieldsPerTemplate(), limits.maxListDepth());
        this.limits = limits;
        this.out = out;
        this.handler = r -> {
            json.reset();
            encoder.encode(r, json);
            try {
                this.out.write(json.array(), 0, json.length());
                this.out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /**
     * Decodes one payload from an exporter.
     *
     * @param timeMillis the payload's arrival time (capture time), used as the decoder's clock
     * @return true when all of it decoded
     */
    public boolean payload(byte[] address, int port, byte[] b, int off, int len, long timeMillis) {
        ExporterState st = exporters.computeIfAbsent(Arrays.toString(address),
                k -> new ExporterState(address, port, limits));
        st.received(len, port);
        return decoder.decode(st, b, off, len, timeMillis, handler);
    }

    /** Counts capture packets that carried nothing to decode. */
    public void skipped(long n) {
        skipped += n;
    }

    /** Counts an input that could not be read to its end. */
    public void inputError() {
        inputErrors++;
    }

    public Map<String, ExporterState> exporters() {
        return exporters;
    }

    /**
     * Ends the input: data still held for a template that never came is counted as expired (not
     * decoded), so the summary tells about it.
     */
    public void finish() {
        for (ExporterState st : exporters.values()) {
            decoder.expireAllHeld(st);
        }
    }

    public DecodeSummary summary() {
        return new DecodeSummary(exporters.values(), skipped, inputErrors);
    }
}
