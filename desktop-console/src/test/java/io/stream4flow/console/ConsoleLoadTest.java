package io.stream4flow.console;

import static io.stream4flow.console.Fx.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.stream4flow.console.alerts.Alerts;
import io.stream4flow.console.backend.Backends;
import io.stream4flow.console.ui.FxLoad;
import io.stream4flow.localstack.testing.ElasticsearchExtension;
import io.stream4flow.localstack.testing.ElasticsearchIntegrationTest;
import io.stream4flow.localstack.testing.KafkaExtension;
import io.stream4flow.localstack.testing.KafkaIntegrationTest;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javafx.scene.Scene;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * The console with its default settings under 10,200 alerts a minute from Kafka for a minute (17 every 100 ms), on
 * the live alerts view: the FX thread keeps time for the user (a {@code runLater} probe waits under a second, its
 * CPU time per second well below saturation), every alert is received, the live table holds exactly its cap and
 * the heap that stays after collections is bounded. Prints the figures: medians, tails and maxima over the
 * one-second samples.
 */
@KafkaIntegrationTest
@ElasticsearchIntegrationTest
class ConsoleLoadTest {
    private static final int PER_TICK = 17;
    private static final int TICKS = 600;
    private static final long TICK_MILLIS = 100;
    private static final String[] SEVERITY = {"low", "medium", "high"};
    private static final String[] TYPE = {"ssh_bruteforce", "portscan_vertical", "ddos", "dns_external_resolver"};

    @Test
    void tenThousandAlertsAMinuteKeepTheFxThreadResponsiveAndTheMemoryBounded(@TempDir Path home) throws Exception {
        String topic = KafkaExtension.createTopic("console-load", 1);
        ConsoleView.Settings defaults = ConsoleView.Settings.DEFAULTS;
        FxToolkit.registerPrimaryStage();
        try (Backends backends = ConsoleFixture.backends(home, ElasticsearchExtension.httpUrl());
                KafkaProducer<byte[], byte[]> producer = ConsoleFixture.producer()) {
            ConsoleView view = fx(() -> new ConsoleView(backends, new ConsoleView.Settings(defaults.alertsCap(),
                    defaults.backlog(), false, defaults.monitorPeriod(), topic)));
            FxToolkit.setupStage(stage -> {
                stage.setScene(new Scene(view.root(), 1400, 900));
                stage.show();
            });
            try {
                ConsoleFixture.produce(producer, topic, alert(-1));
                Fx.await(Duration.ofSeconds(60), "the first alert", () -> view.live().received().get() == 1);

                List<FxLoad.Sample> samples = new ArrayList<>();
                long start = System.nanoTime();
                int sent = 0;
                for (int tick = 0; tick < TICKS; tick++) {
                    for (int i = 0; i < PER_TICK; i++) {
                        producer.send(new ProducerRecord<>(topic, alert(sent++).getBytes(StandardCharsets.UTF_8)));
                    }
                    if (tick % 10 == 9) {
                        samples.add(view.fxLoad().last());
                    }
                    long next = start + (tick + 1) * TICK_MILLIS * 1_000_000;
                    Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
                }
                producer.flush();
                double minutes = (System.nanoTime() - start) / 60e9;
                long lastSent = System.nanoTime();
                int total = sent;
                Fx.await(Duration.ofSeconds(30), "all " + total + " alerts received",
                        () -> view.live().received().get() == total + 1);
                long catchUpMillis = (System.nanoTime() - lastSent) / 1_000_000;
                System.gc();
                double retainedMib = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;

                System.out.printf("console under %.0f alerts a minute for %.1f min (%d alerts, cap %d): "
                        + "FX thread CPU ms/s median %.0f p95 %.0f max %.0f; of it in updates median %.0f; "
                        + "runLater probe lag ms median %.1f max %.1f; channel updates/s median %.0f; "
                        + "heap that stays MiB median %.0f max %.0f, after a full GC %.0f; the last alert in the table %d ms after the "
                        + "last send%n", total / minutes, minutes, total, defaults.alertsCap(),
                        pick(samples, FxLoad.Sample::fxCpuMillisPerSecond, 0.5),
                        pick(samples, FxLoad.Sample::fxCpuMillisPerSecond, 0.95),
                        pick(samples, FxLoad.Sample::fxCpuMillisPerSecond, 1),
                        pick(samples, FxLoad.Sample::updateMillisPerSecond, 0.5),
                        pick(samples, FxLoad.Sample::probeLagMillis, 0.5),
                        pick(samples, FxLoad.Sample::probeLagMillis, 1),
                        pick(samples, FxLoad.Sample::updatesPerSecond, 0.5),
                        pick(samples, s -> s.heapAfterGcBytes() / 1048576.0, 0.5),
                        pick(samples, s -> s.heapAfterGcBytes() / 1048576.0, 1), retainedMib, catchUpMillis);

                assertThat(total / minutes).as("alerts a minute").isGreaterThan(9_500);
                assertThat(fx(() -> view.live().all().size())).isEqualTo(defaults.alertsCap());
                assertThat(fx(() -> view.live().evicted().get())).isEqualTo(total + 1 - defaults.alertsCap());
                assertThat(fx(() -> view.livePane().table().getItems().get(0).id())).isEqualTo("load-" + (total - 1));
                assertThat(pick(samples, FxLoad.Sample::probeLagMillis, 1)).as("worst runLater lag, ms")
                        .isLessThan(1000);
                assertThat(pick(samples, FxLoad.Sample::fxCpuMillisPerSecond, 0.5))
                        .as("median FX thread CPU, ms per s").isLessThan(500);
                assertThat(pick(samples, FxLoad.Sample::updatesPerSecond, 0.5))
                        .as("batched: channel updates a second, far fewer than alerts").isLessThan(total / minutes / 60);
                assertThat(pick(samples, s -> s.heapAfterGcBytes() / 1048576.0, 1)).as("heap that stays, MiB")
                        .isLessThan(400);
                assertThat(retainedMib).as("heap after a full GC, MiB").isLessThan(200);
            } finally {
                fx(() -> {
                    view.close();
                    return null;
                });
                FxToolkit.cleanupStages();
            }
        }
    }

    /** The {@code q} quantile (1: the largest) of the samples after the first five seconds (start-up). */
    private static double pick(List<FxLoad.Sample> samples, ToDoubleFunction<FxLoad.Sample> f, double q) {
        List<FxLoad.Sample> steady = samples.subList(Math.min(5, samples.size() - 1), samples.size());
        double[] v = steady.stream().mapToDouble(f).sorted().toArray();
        return v[(int) Math.min(v.length - 1, Math.floor(q * v.length))];
    }

    private static String alert(int i) {
        String id = i < 0 ? "load-warm-up" : "load-" + i;
        int n = Math.max(i, 0);
        return Alerts.json(id, TYPE[n % TYPE.length], SEVERITY[n % SEVERITY.length],
                "10.40." + (n / 250 % 250) + "." + (n % 250 + 1), "10.20.0." + (n % 50 + 1), 22, 60 + n % 100,
                Instant.now());
    }
}
