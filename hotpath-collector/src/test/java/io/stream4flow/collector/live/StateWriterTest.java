package io.stream4flow.collector.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The background writer of template-state files: off the caller's thread, bounded, coalescing. */
class StateWriterTest {
    private final List<String> written = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    /** Records what it writes; the first write waits for {@link #release}. */
    private void slowWrite(byte[] b, Path file) throws java.io.IOException {
        threads.add(Thread.currentThread().getName());
        started.countDown();
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        written.add(file.getFileName() + "=" + new String(b));
    }

    @Test
    void writesOnItsOwnThreadAndCoalescesWhileAWriteIsInProgress(@TempDir Path dir) throws Exception {
        StateWriter w = new StateWriter(2, this::slowWrite);
        try {
            assertThat(w.submit(0, dir.resolve("p0"), "a".getBytes())).isTrue();
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();   // "a" is being written, stuck
            long t0 = System.nanoTime();
            assertThat(w.submit(0, dir.resolve("p0"), "b".getBytes())).isTrue();
            assertThat(w.submit(0, dir.resolve("p0"), "c".getBytes())).isFalse(); // replaces "b", not queued
            assertThat(w.submit(1, dir.resolve("p1"), "x".getBytes())).isTrue();
            assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(1)); // never waited for the disk
            release.countDown();
            awaitWritten(3);

            assertThat(written).containsExactlyInAnyOrder("p0=a", "p0=c", "p1=x");
            assertThat(written.get(0)).isEqualTo("p0=a");
            assertThat(threads).containsOnly("s4f-state");
            assertThat(w.coalesced.sum()).isEqualTo(1);
            assertThat(w.written.sum()).isEqualTo(3);
        } finally {
            w.close();
        }
    }

    @Test
    void closeWaitsForTheWriteInProgressAndDropsWhatWaits(@TempDir Path dir) throws Exception {
        StateWriter w = new StateWriter(1, this::slowWrite);
        w.submit(0, dir.resolve("p0"), "a".getBytes());
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        w.submit(0, dir.resolve("p0"), "b".getBytes());
        Thread closer = new Thread(w::close);
        closer.start();
        closer.join(300);
        assertThat(closer.isAlive()).as("close returned while a write was in progress").isTrue();

        release.countDown();
        closer.join(5000);

        assertThat(closer.isAlive()).isFalse();
        assertThat(written).containsExactly("p0=a");
        assertThat(w.submit(0, dir.resolve("p0"), "c".getBytes())).isFalse();
    }

    @Test
    void aFailedWriteIsCountedAndTheNextOneStillHappens(@TempDir Path dir) throws Exception {
        Path blocker = Files.writeString(dir.resolve("not-a-dir"), "");
        StateWriter w = new StateWriter(1);
        try {
            w.submit(0, blocker.resolve("templates-0.bin"), new byte[] {1});
            long end = System.currentTimeMillis() + 5000;
            while (w.failed.sum() == 0 && System.currentTimeMillis() < end) {
                Thread.sleep(10);
            }
            w.submit(0, dir.resolve("templates-0.bin"), new byte[] {1, 2});
            while (w.written.sum() == 0 && System.currentTimeMillis() < end) {
                Thread.sleep(10);
            }
            assertThat(w.failed.sum()).isEqualTo(1);
            assertThat(Files.readAllBytes(dir.resolve("templates-0.bin"))).containsExactly(1, 2);
        } finally {
            w.close();
        }
    }

    private void awaitWritten(int n) throws InterruptedException {
        long end = System.currentTimeMillis() + 5000;
        while (written.size() < n && System.currentTimeMillis() < end) {
            Thread.sleep(10);
        }
    }
}
