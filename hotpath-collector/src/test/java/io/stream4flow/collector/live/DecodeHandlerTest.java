package io.stream4flow.collector.live;

import io.stream4flow.schema.RecordFormat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stream4flow.collector.decode.DecoderLimits;
import io.stream4flow.collector.decode.ExporterState;
import io.stream4flow.collector.live.sink.RecordSink;
import io.stream4flow.traffic.testing.CorpusFiles;
import io.stream4flow.schema.ElementRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What one decode handler does when its sink throws: which stage is reported, and the flush. */
class DecodeHandlerTest {

    /** Keeps the calls; throws on write number {@code failAt} (1-based). */
    static final class RecordingSink implements RecordSink {
        @Override
        public RecordFormat format() {
            return RecordFormat.JSON;
        }

        final List<String> calls = new ArrayList<>();
        private final int failAt;
        private int writes;

        RecordingSink(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public boolean write(ExporterState exporter, byte[] b, int off, int len) {
            if (++writes == failAt) {
                throw new IllegalStateException("write " + writes);
            }
            calls.add("write");
            return true;
        }

        @Override
        public void endOfBatch(boolean ringEmpty) {
            calls.add("endOfBatch");
        }

        @Override
        public void close() {
            calls.add("close");
        }
    }

    static PacketEvent event(byte[] payload, int partition) {
        PacketEvent e = new PacketEvent(payload.length);
        System.arraycopy(payload, 0, e.data, 0, payload.length);
        e.length = payload.length;
        e.address[0] = 127;
        e.address[3] = 1;
        e.addressLength = 4;
        e.port = 9995;
        e.receivedMillis = System.currentTimeMillis();
        e.partition = partition;
        return e;
    }

    @Test
    void aThrowingSinkIsReportedAsTheSinkStageAndTheBatchIsStillFlushed() {
        RecordingSink sink = new RecordingSink(3);
        DecodeHandler h = new DecodeHandler(0, ElementRegistry.bundled(), DecoderLimits.DEFAULTS, sink, st -> { },
                null, 0);
        RingErrors errors = new RingErrors(System::nanoTime, (line, t) -> { });
        DecodeExceptionHandler eh = new DecodeExceptionHandler(h, errors);
        PacketEvent e = event(CorpusFiles.bytes("netflow5.dat"), 0);

        assertThatThrownBy(() -> h.onEvent(e, 0, true)).hasMessage("write 3");
        eh.handleEventException(new IllegalStateException("write 3"), 0, e);

        assertThat(sink.calls).containsExactly("write", "write", "endOfBatch");
        assertThat(errors.count(RingErrors.SINK)).isEqualTo(1);
        assertThat(errors.count(RingErrors.DECODE)).isZero();

        // the next datagram decodes whole
        h.onEvent(event(CorpusFiles.bytes("netflow5.dat"), 0), 1, true);
        assertThat(sink.calls.stream().filter("write"::equals).count()).isGreaterThan(3);
        assertThat(h.stage()).isEqualTo(RingErrors.DECODE);
    }

    @Test
    void aSlotPublishedUnfilledIsSkipped() {
        RecordingSink sink = new RecordingSink(0);
        DecodeHandler h = new DecodeHandler(0, ElementRegistry.bundled(), DecoderLimits.DEFAULTS, sink, st -> { },
                null, 0);

        h.onEvent(event(CorpusFiles.bytes("netflow5.dat"), PacketEvent.NO_PARTITION), 0, true);

        assertThat(sink.calls).containsExactly("endOfBatch");
        assertThat(h.exporters.size()).isZero();
    }
}
