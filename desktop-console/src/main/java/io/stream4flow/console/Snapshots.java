package io.stream4flow.console;

import io.stream4flow.cli.query.Talker;
import io.stream4flow.console.ConsoleView.View;
import io.stream4flow.console.alerts.Alert;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * {@code --snapshot DIR}: brings each view to the front in turn, waits until its data is in (at most the timeout
 * per view), renders the window offscreen and writes {@code DIR/<view>.png}: alerts, alert-details, history,
 * dashboard, host-profile (of the top talker, else of the newest alert's target or source), jobs. Then hands the
 * views that got no data in time to {@code done}.
 */
final class Snapshots {
    private record Step(String file, View view, Runnable prepare, BooleanSupplier ready) { }

    private final ConsoleView console;
    private final Path dir;
    private final Duration timeout;
    private final Consumer<List<String>> done;
    private final List<Step> steps;
    private final List<String> failed = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "s4f-console-snapshots");
        t.setDaemon(true);
        return t;
    });

    Snapshots(ConsoleView console, Path dir, Duration timeout, Consumer<List<String>> done) {
        this.console = console;
        this.dir = dir;
        this.timeout = timeout;
        this.done = done;
        var details = console.livePane().details();
        steps = List.of(
                new Step("alerts", View.alerts, () -> { }, () -> !console.live().all().isEmpty()),
                new Step("alert-details", View.details, details::flowsBehind,
                        () -> details.flowsStatus().getText().matches("\\d+\\+? flows .*")
                                && !details.flows().getItems().isEmpty()),
                new Step("history", View.history, () -> console.history().search(),
                        () -> !console.history().table().getItems().isEmpty()
                                && !console.history().chart().getData().isEmpty()),
                new Step("dashboard", View.dashboard, () -> console.dashboard().refreshStats(),
                        () -> !console.dashboard().talkers().getItems().isEmpty()
                                && !console.dashboard().exporters().getItems().isEmpty()
                                && console.dashboard().hasProtocols()),
                new Step("host-profile", View.host, () -> console.host(hostToShow()),
                        () -> console.hostPane().data() != null && console.hostPane().data().latestProfile() != null),
                new Step("jobs", View.jobs, () -> console.jobs().refresh(),
                        () -> !console.jobs().table().getItems().isEmpty()));
    }

    private String hostToShow() {
        List<Talker> talkers = console.dashboard().talkers().getItems();
        if (!talkers.isEmpty()) {
            return talkers.get(0).host();
        }
        for (Alert a : console.live().all()) {
            return a.dstIp().isEmpty() ? a.srcIp() : a.dstIp();
        }
        return "127.0.0.1";
    }

    void start() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("--snapshot: cannot create " + dir, e);
        }
        next(0);
    }

    /** Step {@code i}: wait for the view's data (first without it, then with it prepared), render, go on. */
    private void next(int i) {
        if (i == steps.size()) {
            timer.shutdown();
            done.accept(failed);
            return;
        }
        Step s = steps.get(i);
        long deadline = System.nanoTime() + timeout.toNanos();
        long[] prepared = {0};
        console.select(s.view());
        s.prepare().run();
        prepared[0] = System.nanoTime();
        timer.schedule(() -> check(i, s, deadline, prepared), 250, TimeUnit.MILLISECONDS);
    }

    private void check(int i, Step s, long deadline, long[] prepared) {
        Platform.runLater(() -> {
            if (s.ready().getAsBoolean() || System.nanoTime() > deadline) {
                if (!s.ready().getAsBoolean()) {
                    failed.add(s.file());
                }
                // one more pulse so the last update is laid out and painted
                timer.schedule(() -> Platform.runLater(() -> {
                    write(s.file());
                    next(i + 1);
                }), 500, TimeUnit.MILLISECONDS);
                return;
            }
            if (System.nanoTime() - prepared[0] > 10_000_000_000L) {   // the data may have come in between: ask again
                s.prepare().run();
                prepared[0] = System.nanoTime();
            }
            timer.schedule(() -> check(i, s, deadline, prepared), 250, TimeUnit.MILLISECONDS);
        });
    }

    private void write(String name) {
        var root = console.root();
        root.applyCss();
        root.layout();
        WritableImage image = root.snapshot(null, null);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, w, h, argb, 0, w);
        Path file = dir.resolve(name + ".png");
        try {
            ImageIO.write(out, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("--snapshot: cannot write " + file, e);
        }
        System.out.println(file);
    }
}
