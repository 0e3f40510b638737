package io.stream4flow.collector.decode;

import io.stream4flow.schema.ElementRegistry;
import io.stream4flow.schema.InformationElement;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Saves and restores what a collector learned from its exporters, so that a restart does not wait
 * for the next template refresh: per exporter and domain the templates (with their last refresh
 * time), the sampling announced, and the exporter's boot time (IPFIX systemInitTimeMilliseconds).
 * Sequence numbers, counters and held data are not kept.
 *
 * <p>Rules for stale state: a template restored keeps its last refresh time, so it expires exactly
 * when it would have had the collector kept running (template lifetime, UDP); a template already
 * past its lifetime at restore is not restored. An exporter that redefines a template after a
 * restart replaces the restored one as usual. A file that cannot be read is reported and ignored
 * (the collector starts empty); it is rewritten at the next save.
 *
 * <p>Format: a small versioned binary file written to a temporary name and renamed into place.
 * Call {@link #write} or {@link #encode} on the thread that owns the exporters; {@link #writeFile} on any.
 */
public final class StateSnapshot {
    private static final int MAGIC = 0x53344654; // "S4FT"
    private static final int FORMAT = 1;

    private StateSnapshot() { }

    /** Result of a restore: the exporters, and how many templates were too old to restore. */
    public record Restored(List<ExporterState> exporters, int templates, int staleTemplates) { }

    /** Encodes and writes in one go: {@link #writeFile}({@link #encode}). Same thread rule as {@link #encode}. */
    public static void write(Collection<ExporterState> exporters, Path file, long nowMillis) throws IOException {
        writeFile(encode(exporters, nowMillis), file);
    }

    /**
     * The file's bytes for {@code exporters}: a copy of their state taken in memory, no I/O. Call on
     * the thread that owns the exporters; the result may then be written by any thread.
     */
    public static byte[] encode(Collection<ExporterState> exporters, long nowMillis) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            encode(exporters, nowMillis, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * Writes bytes from {@link #encode} to {@code file}: to {@code FILE.tmp}, then renamed into place,
     * so a reader sees the old file or the new one whole. Any thread, one writer per file at a time.
     */
    public static void writeFile(byte[] encoded, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            out.write(encoded);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void encode(Collection<ExporterState> exporters, long nowMillis, DataOutputStream out)
            throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(FORMAT);
        out.writeLong(nowMillis);
        out.writeInt(exporters.size());
        for (ExporterState ex : exporters) {
            byte[] a = ex.address();
            out.writeByte(a.length);
            out.write(a);
            out.writeInt(ex.port());
            List<DomainState> domains = ex.domains();
            out.writeInt(domains.size());
            for (DomainState d : domains) {
                out.writeInt(d.version);
                out.writeLong(d.domain);
                out.writeLong(d.systemInitMillis);
                writeSampling(out, d.sampling);
                List<long[]> samplerKeys = new ArrayList<>();
                List<Sampling> samplerValues = new ArrayList<>();
                if (d.samplers != null) {
                    d.samplers.forEachEntry((k, v) -> {
                        samplerKeys.add(new long[] {k});
                        samplerValues.add(v);
                    });
                }
                out.writeInt(samplerKeys.size());
                for (int i = 0; i < samplerKeys.size(); i++) {
                    out.writeLong(samplerKeys.get(i)[0]);
                    writeSampling(out, samplerValues.get(i));
                }
                List<Template> templates = new ArrayList<>();
                d.templates.forEachValue(templates::add);
                out.writeInt(templates.size());
                for (Template t : templates) {
                    out.writeShort(t.id);
                    out.writeBoolean(t.options);
                    out.writeShort(t.scopeCount);
                    out.writeLong(t.refreshedMillis);
                    out.writeShort(t.elements.length);
                    for (int i = 0; i < t.elements.length; i++) {
                        out.writeLong(t.elements[i].pen());
                        out.writeShort(t.elements[i].id());
                        out.writeShort(t.lengths[i]);
                    }
                }
            }
        }
    }

    private static void writeSampling(DataOutputStream out, Sampling s) throws IOException {
        if (s == null) {
            out.writeShort(0);
            return;
        }
        out.writeShort(s.elements.length);
        for (int i = 0; i < s.elements.length; i++) {
            out.writeShort(s.elements[i].id());
            out.writeLong(s.values[i]);
        }
    }

    private static Sampling readSampling(DataInputStream in, ElementRegistry registry) throws IOException {
        int n = in.readUnsignedShort();
        if (n == 0) {
            return null;
        }
        check(n <= 16, "sampling elements");
        InformationElement[] els = new InformationElement[n];
        long[] vals = new long[n];
        for (int i = 0; i < n; i++) {
            els[i] = registry.ipfix(0, in.readUnsignedShort());
            vals[i] = in.readLong();
        }
        return new Sampling(els, vals);
    }

    /**
     * Reads a state file.
     *
     * @throws IOException naming the problem when the file is not a state file or is cut short
     */
    public static Restored read(Path file, ElementRegistry registry, DecoderLimits limits, long nowMillis)
            throws IOException {
        List<ExporterState> out = new ArrayList<>();
        int restored = 0;
        int stale = 0;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            check(in.readInt() == MAGIC, "not a Stream4Flow state file");
            check(in.readInt() == FORMAT, "unknown state format");
            in.readLong();
            int exporters = in.readInt();
            check(exporters >= 0 && exporters <= 1_000_000, "exporter count");
            for (int e = 0; e < exporters; e++) {
                int alen = in.readUnsignedByte();
                check(alen == 4 || alen == 16, "address length");
                byte[] a = new byte[alen];
                in.readFully(a);
                ExporterState ex = new ExporterState(a, in.readInt(), limits);
                int domains = in.readInt();
                check(domains >= 0 && domains <= limits.maxDomainsPerExporter(), "domain count");
                for (int k = 0; k < domains; k++) {
                    int version = in.readInt();
                    long domainId = in.readLong();
                    DomainState d = ex.domain(version, domainId);
                    check(d != null, "domain");
                    d.systemInitMillis = in.readLong();
                    d.sampling = readSampling(in, registry);
                    int samplers = in.readInt();
                    check(samplers >= 0 && samplers <= 1024, "sampler count");
                    for (int s = 0; s < samplers; s++) {
                        long key = in.readLong();
                        Sampling sv = readSampling(in, registry);
                        if (sv != null) {
                            if (d.samplers == null) {
                                d.samplers = new LongObjectMap<>(4);
                            }
                            d.samplers.put(key, sv);
                        }
                    }
                    int templates = in.readInt();
                    check(templates >= 0 && templates <= limits.maxTemplatesPerDomain(), "template count");
                    for (int t = 0; t < templates; t++) {
                        int id = in.readUnsignedShort();
                        boolean options = in.readBoolean();
                        int scopeCount = in.readUnsignedShort();
                        long refreshed = in.readLong();
                        int n = in.readUnsignedShort();
                        check(n > 0 && n <= limits.maxFieldsPerTemplate(), "field count");
                        InformationElement[] els = new InformationElement[n];
                        int[] lens = new int[n];
                        for (int i = 0; i < n; i++) {
                            long pen = in.readLong();
                            int ie = in.readUnsignedShort();
                            lens[i] = in.readUnsignedShort();
                            if (version == 9 && options && i < scopeCount) {
                                els[i] = registry.netflowV9Scope(ie);
                            } else if (version == 9 && pen == 0) {
                                els[i] = registry.netflowV9(ie);
                            } else {
                                els[i] = registry.ipfix(pen, ie);
                            }
                        }
                        if (limits.templateLifetimeMillis() > 0 && nowMillis - refreshed > limits.templateLifetimeMillis()) {
                            stale++;
                            continue;
                        }
                        Template tpl = new Template(id, options, scopeCount, els, lens);
                        tpl.refreshedMillis = refreshed;
                        d.templates.put(id, tpl);
                        restored++;
                    }
                }
                out.add(ex);
            }
        } catch (java.io.EOFException e) {
            throw new IOException(file + ": state file is cut short", e);
        }
        return new Restored(out, restored, stale);
    }

    private static void check(boolean ok, String what) throws IOException {
        if (!ok) {
            throw new IOException("state file: bad " + what);
        }
    }
}
