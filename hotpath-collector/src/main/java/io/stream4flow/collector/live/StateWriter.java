package io.stream4flow.collector.live;

import io.stream4flow.collector.decode.StateSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the periodic template-state files on one background thread ({@code s4f-state}), so that a
 * slow disk never holds up a decode thread. A decode thread encodes its partition's state in memory
 * ({@link StateSnapshot#encode}, a copy) and {@link #submit}s the bytes; the writer thread writes
 * them. Bounded: per partition at most one snapshot waits while another is being written; a newer
 * snapshot replaces one still waiting (counted as coalesced), since only the newest matters.
 *
 * <p>{@link #close} stops the thread after the write in progress, if any, and drops what still
 * waits: the collector then saves every partition synchronously at shutdown, which supersedes it.
 */
final class StateWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateWriter.class);
    /** How long {@link #close} waits for a write in progress. */
    static final long CLOSE_WAIT_MILLIS = 30_000;

    /** How a snapshot reaches its file ({@link StateSnapshot#writeFile}; tests slow it down). */
    interface FileWrite {
        void write(byte[] encoded, Path file) throws IOException;
    }

    private record Pending(byte[] bytes, Path file) { }

    private final AtomicReferenceArray<Pending> pending;
    private final FileWrite fileWrite;
    private final Thread thread;
    private volatile boolean closing;
    /** Snapshots written to their file. */
    final LongAdder written = new LongAdder();
    /** Snapshots replaced by a newer one before they were written. */
    final LongAdder coalesced = new LongAdder();
    /** Writes that failed (logged). */
    final LongAdder failed = new LongAdder();

    StateWriter(int partitions) {
        this(partitions, StateSnapshot::writeFile);
    }

    StateWriter(int partitions, FileWrite fileWrite) {
        this.pending = new AtomicReferenceArray<>(partitions);
        this.fileWrite = fileWrite;
        this.thread = new Thread(this::run, "s4f-state");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Hands over one partition's encoded state; returns at once. Called on the partition's decode
     * thread.
     *
     * @return false when this replaced a snapshot of the partition not yet written, or after close
     */
    boolean submit(int partition, Path file, byte[] encoded) {
        if (closing) {
            return false;
        }
        Pending old = pending.getAndSet(partition, new Pending(encoded, file));
        LockSupport.unpark(thread);
        if (old != null) {
            coalesced.increment();
            return false;
        }
        return true;
    }

    private void run() {
        while (!closing) {
            boolean any = false;
            for (int p = 0; p < pending.length() && !closing; p++) {
                Pending next = pending.getAndSet(p, null);
                if (next != null) {
                    any = true;
                    write(next);
                }
            }
            if (!any && !closing) {
                LockSupport.park(this);
            }
        }
    }

    private void write(Pending p) {
        try {
            fileWrite.write(p.bytes(), p.file());
            written.increment();
        } catch (IOException | RuntimeException e) {
            failed.increment();
            LOG.warn("cannot save template state to {}: {}", p.file(), e.toString());
        }
    }

    /**
     * Stops the writer: waits for the write in progress (at most {@value #CLOSE_WAIT_MILLIS} ms),
     * drops snapshots not started. Idempotent; not on a decode thread.
     */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("template state writer still busy after {} s; saving at stop anyway",
                    TimeUnit.MILLISECONDS.toSeconds(CLOSE_WAIT_MILLIS));
        }
        for (int p = 0; p < pending.length(); p++) {
            pending.set(p, null);
        }
    }
}
