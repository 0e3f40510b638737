package io.stream4flow.console;

import io.stream4flow.console.backend.Backends;
import java.time.Duration;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The JavaFX application of {@link ConsoleMain}: one window, or with {@code --snapshot} the pictures and exit. */
public final class ConsoleApplication extends Application {
    private static volatile int exitCode;
    private ConsoleView view;
    private Backends backends;

    static int exitCode() {
        return exitCode;
    }

    @Override
    public void start(Stage stage) {
        ConsoleMain main = ConsoleMain.launched;
        backends = main.backends();
        view = new ConsoleView(backends, main.settings());
        stage.setTitle("Stream4Flow console");
        stage.setScene(new Scene(view.root()));
        stage.show();
        if (main.snapshot != null) {
            new Snapshots(view, main.snapshot, Duration.ofSeconds(main.snapshotTimeout), failed -> {
                exitCode = failed.isEmpty() ? 0 : 1;
                if (!failed.isEmpty()) {
                    System.err.println("s4f-console: --snapshot: no data in time for " + String.join(", ", failed)
                            + " (their pictures show what there was)");
                }
                Platform.exit();
            }).start();
        }
    }

    @Override
    public void stop() {
        if (view != null) {
            view.close();
        }
        if (backends != null) {
            backends.close();
        }
    }
}
