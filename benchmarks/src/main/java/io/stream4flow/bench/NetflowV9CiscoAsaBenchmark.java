package io.stream4flow.bench;

import io.stream4flow.schema.RecordFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 * Decode + JSON or Avro encode ({@link #format}) of a captured Cisco ASA NetFlow v9 packet: {@value #RECORDS} NSEL records
 * of template 265 (22 fields, 102 bytes, a 20-byte user name string and 12-byte ACL ids among
 * them). The template packet is decoded once in setup; the loop decodes the data packet. Both
 * come from the logstash-codec-netflow test corpus (Apache-2.0, see the NOTICE.TXT and LICENSE
 * beside them). One operation is one record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class NetflowV9CiscoAsaBenchmark {
    /** The encoding of each record: the JSON lines or Avro records the collector's sinks write. */
    @Param({"json", "avro"})
    public String format;

    static final int RECORDS = 14;
    /** Offset of the sequence number (packets) in the v9 header. */
    private static final int OFF_SEQUENCE = 12;
    private static final String CORPUS = "corpus/";

    private EncodePipeline pipeline;
    private byte[] data;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] templates = resource("netflow9_test_cisco_asa_1_tpl.dat");
        data = resource("netflow9_test_cisco_asa_1_data.dat");
        long exportSeconds = u32(data, 8);
        pipeline = new EncodePipeline(exportSeconds * 1000L, RecordFormat.parse(format));
        pipeline.prime(templates, 0, "ASA templates");
        pipeline.prime(data, RECORDS, "ASA data");
        sequence = u32(data, OFF_SEQUENCE) + 1;
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public boolean decodeAndEncode(Blackhole bh) {
        EncodePipeline.putU32(data, OFF_SEQUENCE, sequence);
        sequence++;
        return pipeline.decode(data, bh);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pipeline.checkSteadyState("Cisco ASA v9");
    }

    private static byte[] resource(String name) {
        try (InputStream in = NetflowV9CiscoAsaBenchmark.class.getResourceAsStream(CORPUS + name)) {
            if (in == null) {
                throw new IllegalStateException("missing benchmark resource " + CORPUS + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long u32(byte[] b, int off) {
        return ((long) (b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8)
                | (b[off + 3] & 0xFF);
    }
}
