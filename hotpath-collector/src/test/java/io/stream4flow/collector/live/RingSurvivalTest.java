package io.stream4flow.collector.live;

import io.stream4flow.schema.RecordFormat;
import static io.stream4flow.collector.live.LiveHarness.awaitLines;
import static io.stream4flow.collector.live.LiveHarness.config;
import static io.stream4flow.collector.live.LiveHarness.offline;
import static org.assertj.core.api.Assertions.assertThat;

import io.stream4flow.collector.decode.ExporterState;
import io.stream4flow.collector.live.sink.RecordSink;
import io.stream4flow.traffic.testing.CorpusFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sink that throws does not end the decode thread: the live collector, on loopback with the file
 * sink behind a sink that throws on its first writes, counts the exceptions and goes on delivering.
 */
class RingSurvivalTest {

    /** Throws on the first {@code failures} writes, then passes records on. */
    static final class FailingSink implements RecordSink {
        @Override
        public RecordFormat format() {
            return next.format();
        }

        private final RecordSink next;
        private final AtomicInteger failuresLeft;

        FailingSink(RecordSink next, int failures) {
            this.next = next;
            this.failuresLeft = new AtomicInteger(failures);
        }

        @Override
        public boolean write(ExporterState exporter, byte[] b, int off, int len) {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("injected sink failure");
            }
            return next.write(exporter, b, off, len);
        }

        @Override
        public void endOfBatch(boolean ringEmpty) {
            next.endOfBatch(ringEmpty);
        }

        @Override
        public void close() {
            next.close();
        }
    }

    @Test
    void recordsKeepComingAfterTheSinkThrowsAndTheExceptionsAreCounted(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("flows.json");
        byte[] v5 = CorpusFiles.bytes("netflow5.dat");
        int poisoned = 3;
        int good = 5;
        // each of the first three datagrams loses its records: its first write throws, ending its decode
        List<byte[]> payloads = new ArrayList<>(Collections.nCopies(poisoned + good, v5));
        try (Collector c = Collector.start(config(dir, "file:" + out, "udp://127.0.0.1:0"),
                sink -> new FailingSink(sink, poisoned))) {
            int port = LiveHarness.send(c.boundAddresses().get(0), payloads);
            List<String> want = offline(Collections.nCopies(good, v5), port);
            assertThat(want).isNotEmpty();

            List<String> got = awaitLines(out, want.size(), 10_000);
            awaitMetric(c, "s4f_collector_datagrams_total{exporter=\"127.0.0.1\"} " + payloads.size());

            assertThat(got).isEqualTo(want);
            String metrics = CollectorTest.fetch(c.metricsAddress());
            assertThat(metrics).contains("s4f_collector_ring_exceptions_total{reason=\"sink\"} " + poisoned)
                    .contains("s4f_collector_ring_exceptions_total{reason=\"decode\"} 0")
                    .contains("s4f_collector_ring_exceptions_total{reason=\"encode\"} 0")
                    .contains("s4f_collector_datagrams_total{exporter=\"127.0.0.1\"} " + payloads.size());
            assertThat(c.totals()).containsEntry("s4f_collector_ring_exceptions_total:sink", (long) poisoned);
        }
    }

    @Test
    void aSinkThatThrowsOnEveryOtherWriteStillDeliversTheRest(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("flows.json");
        byte[] v5 = CorpusFiles.bytes("netflow5.dat");
        int datagrams = 20;
        AtomicInteger writes = new AtomicInteger();
        try (Collector c = Collector.start(config(dir, "file:" + out, "udp://127.0.0.1:0"),
                sink -> new RecordSink() {
                    @Override
                    public RecordFormat format() {
                        return sink.format();
                    }

                    @Override
                    public boolean write(ExporterState exporter, byte[] b, int off, int len) {
                        if (writes.incrementAndGet() % 2 == 1) {
                            throw new IllegalStateException("injected failure of write " + writes.get());
                        }
                        return sink.write(exporter, b, off, len);
                    }

                    @Override
                    public void endOfBatch(boolean ringEmpty) {
                        sink.endOfBatch(ringEmpty);
                    }

                    @Override
                    public void close() {
                        sink.close();
                    }
                })) {
            LiveHarness.send(c.boundAddresses().get(0), Collections.nCopies(datagrams, v5));
            awaitMetric(c, "s4f_collector_datagrams_total{exporter=\"127.0.0.1\"} " + datagrams);
            awaitMetric(c, "s4f_collector_ring_exceptions_total{reason=\"sink\"} " + datagrams);
            // a throw ends its datagram: the first datagram's first write throws, and every later
            // datagram delivers one record (an even write) before its next write throws
            assertThat(offline(List.of(v5), 0)).hasSizeGreaterThan(2);
            List<String> got = awaitLines(out, datagrams - 1, 10_000);
            assertThat(got).hasSize(datagrams - 1);
            assertThat(writes.get()).isEqualTo(2 * datagrams - 1);
        }
    }

    /** Waits until the metrics text contains {@code line} (bounded), so counters have settled. */
    static void awaitMetric(Collector c, String line) throws InterruptedException {
        long end = System.currentTimeMillis() + 10_000;
        while (!c.metricsText().contains(line) && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
        assertThat(c.metricsText()).contains(line);
    }
}
