package io.stream4flow.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** Updates reach the UI thread in order, many per task, and a drain's own posts are not lost. */
class UiChannelTest {

    @Test
    void aBurstIsOneTaskAndKeepsItsOrder() {
        ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        UiChannel channel = new UiChannel(tasks::add);
        List<Integer> seen = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int n = i;
            channel.post(() -> seen.add(n));
        }
        assertThat(tasks).hasSize(1);
        tasks.poll().run();
        assertThat(seen).hasSize(1000).isSorted();
        assertThat(channel.updates()).isEqualTo(1000);
        assertThat(channel.drains()).isEqualTo(1);
        // posted after the drain began: a new task
        channel.post(() -> channel.post(() -> seen.add(-1)));
        Runnable t;
        while ((t = tasks.poll()) != null) {
            t.run();
        }
        assertThat(seen).filteredOn(n -> n == -1).hasSize(1);
    }

    @Test
    void anUpdateThatThrowsDoesNotStopTheOthers() {
        ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        UiChannel channel = new UiChannel(tasks::add);
        List<String> seen = new ArrayList<>();
        Thread.UncaughtExceptionHandler before = Thread.currentThread().getUncaughtExceptionHandler();
        List<Throwable> caught = new ArrayList<>();
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> caught.add(e));
        try {
            channel.post(() -> seen.add("a"));
            channel.post(() -> {
                throw new IllegalStateException("boom");
            });
            channel.post(() -> seen.add("b"));
            tasks.poll().run();
        } finally {
            Thread.currentThread().setUncaughtExceptionHandler(before);
        }
        assertThat(seen).containsExactly("a", "b");
        assertThat(caught).singleElement().extracting(Throwable::getMessage).isEqualTo("boom");
    }
}
