package io.stream4flow.cli.stack;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --home DIR} option of {@code up}, {@code status} and {@code down} (a picocli mixin). */
public final class HomeOption {
    @Option(names = "--home", paramLabel = "DIR",
            description = "Where data, logs and checkpoints go; default: $S4F_HOME or ~/.stream4flow.")
    private Path dir;

    /** The home given, or {@link StackHome#defaultHome()}. */
    public StackHome home() {
        return dir != null ? new StackHome(dir) : StackHome.defaultHome();
    }
}
