package io.stream4flow.console.backend;

import io.stream4flow.cli.config.ConfigCheck.Outcome;
import io.stream4flow.cli.config.ConfigCheck.Result;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The red line at the top while a backend does not answer (or refuses the credentials): one line per backend,
 * naming its address and what went wrong, gone as soon as it answers again. FX thread only.
 */
public final class ConnectionBanner extends VBox {
    private final Map<String, Label> lines = new LinkedHashMap<>();
    private Runnable onRecovered = () -> { };

    public ConnectionBanner() {
        setId("banner");
        getStyleClass().add("banner");
        update();
    }

    /** Runs each time a backend answers again after it did not. */
    public void onRecovered(Runnable r) {
        onRecovered = r;
    }

    /** Takes one check's outcome. */
    public void outcome(Outcome o) {
        if (o.result() == Result.answers || o.result() == Result.local) {
            clear(o.service());
        } else {
            problem(o.service(), title(o.service()) + " " + (o.result() == Result.refused ? "refuses the login at "
                    : "not reachable at ") + o.address() + ": " + o.detail() + " (retrying)");
        }
    }

    /** Shows {@code text} as the problem of {@code service}. */
    public void problem(String service, String text) {
        Label l = lines.computeIfAbsent(service, s -> {
            Label n = new Label();
            n.setId("banner-" + s);
            getChildren().add(n);
            return n;
        });
        l.setText(text);
        update();
    }

    /** Clears the problem of {@code service}, if it had one. */
    public void clear(String service) {
        Label l = lines.remove(service);
        if (l != null) {
            getChildren().remove(l);
            update();
            onRecovered.run();
        }
    }

    /** Whether {@code service} has a problem shown. */
    public boolean shows(String service) {
        return lines.containsKey(service);
    }

    private void update() {
        setVisible(!lines.isEmpty());
        setManaged(!lines.isEmpty());
    }

    private static String title(String service) {
        return switch (service) {
            case "kafka" -> "Kafka";
            case "elasticsearch" -> "Elasticsearch";
            default -> service;
        };
    }
}
