package io.stream4flow.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where this s4fctl comes from: its jar (or classes folder) and the checkout it was built in. */
public final class Checkout {
    private Checkout() { }

    /** {@code s4fctl-cli/target/s4fctl.jar}, or {@code s4fctl-cli/target/classes} in the tests and the IDE. */
    public static Path self() {
        try {
            return Path.of(S4fctl.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The checkout's root: the folder of {@code s4fctl-cli/}, {@code desktop-console/}, {@code ansible/}. */
    public static Path root() {
        return self().getParent().getParent().getParent();
    }

    /** {@code path} under the root, which must exist; exit 3 naming it when it does not. */
    public static Path require(String path) {
        Path p = root().resolve(path);
        if (!Files.exists(p)) {
            throw new CommandFailure(ExitCode.FAILURE, "no " + path + " beside this s4fctl (in " + root() + ")");
        }
        return p;
    }
}
