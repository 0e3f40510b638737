package io.stream4flow.collector.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stream4flow.collector.encode.FlowJsonEncoder;
import io.stream4flow.schema.ElementRegistry;
import io.stream4flow.schema.JsonBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** One exporter's state, a decoder and an encoder; collects every record as parsed JSON. */
final class DecoderHarness {
    static final ObjectMapper JSON = new ObjectMapper();
    final FlowDecoder decoder;
    final FlowJsonEncoder encoder;
    final List<JsonNode> records = new ArrayList<>();
    final ExporterState exporter;
    private final DecoderLimits limits;
    private final JsonBuffer buf = new JsonBuffer(64);

    DecoderHarness() {
        this(DecoderLimits.DEFAULTS);
    }

    DecoderHarness(DecoderLimits limits) {
        this.limits = limits;
        ElementRegistry r = ElementRegistry.bundled();
        decoder = new FlowDecoder(r, limits);
        encoder = new FlowJsonEncoder(r, limits.maxFieldsPerTemplate(), limits.maxListDepth());
        exporter = exporter(192, 0, 2, 1);
    }


    ExporterState exporter(int a, int b, int c, int d) {
        return new ExporterState(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d}, 4739, limits);
    }

    boolean feed(byte[] msg) {
        return feed(exporter, msg, 0);
    }

    boolean feed(byte[] msg, long now) {
        return feed(exporter, msg, now);
    }

    boolean feed(ExporterState ex, byte[] msg, long now) {
        return decoder.decode(ex, msg, 0, msg.length, now, r -> {
            buf.reset();
            encoder.encode(r, buf);
            try {
                records.add(JSON.readTree(buf.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException("encoder wrote invalid JSON: " + buf, e);
            }
        });
    }

    long count(DecodeCounter c) {
        return exporter.counter(c);
    }

    JsonNode last() {
        return records.get(records.size() - 1);
    }
}
