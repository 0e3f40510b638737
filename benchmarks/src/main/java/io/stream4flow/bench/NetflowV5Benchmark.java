package io.stream4flow.bench;

import io.stream4flow.schema.RecordFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decode + JSON or Avro encode ({@link #format}) of a full NetFlow v5 datagram ({@value #RECORDS} records, unsampled). One
 * operation is one record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class NetflowV5Benchmark {
    /** The encoding of each record: the JSON lines or Avro records the collector's sinks write. */
    @Param({"json", "avro"})
    public String format;

    static final int RECORDS = NetflowV5Messages.MAX_RECORDS;
    private static final long EXPORT_SECONDS = 1_700_000_000L;

    private EncodePipeline pipeline;
    private byte[] data;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() {
        pipeline = new EncodePipeline(EXPORT_SECONDS * 1000L, RecordFormat.parse(format));
        data = NetflowV5Messages.datagram(0, RECORDS, 3_600_000L, EXPORT_SECONDS);
        pipeline.prime(data, RECORDS, "v5 datagram");
        sequence = RECORDS;
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public boolean decodeAndEncode(Blackhole bh) {
        EncodePipeline.putU32(data, NetflowV5Messages.OFF_SEQUENCE, sequence);
        sequence += RECORDS;
        return pipeline.decode(data, bh);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pipeline.checkSteadyState("NetFlow v5");
    }
}
