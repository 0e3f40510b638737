package io.stream4flow.cli;

import io.stream4flow.schema.ElementRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The information-element registry a verb decodes with: the bundled definitions plus the user's
 * definition files ({@code *.xml}) from {@code --elements DIR}, or by default from {@code
 * ~/.stream4flow/elements/} when that directory exists.
 */
public final class Elements {
    /** Option name shared by the verbs that take user element definitions. */
    public static final String OPTION = "--elements";

    private Elements() { }

    /** The default directory of user definition files. */
    public static Path userDirectory() {
        return Paths.get(System.getProperty("user.home"), ".stream4flow", "elements");
    }

    /**
     * @param dir the {@code --elements} value, or null for the default
     * @throws ParameterException when {@code dir} is not a directory or a definition file is bad
     */
    public static ElementRegistry registry(CommandSpec spec, Path dir) {
        Path userDir = dir;
        if (userDir != null) {
            Args.directory(spec, OPTION, userDir);
        } else if (Files.isDirectory(userDirectory())) {
            userDir = userDirectory();
        } else {
            return ElementRegistry.bundled();
        }
        try {
            return ElementRegistry.withUserDefinitions(userDir);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "bad element definition file " + e.getMessage());
        }
    }
}
