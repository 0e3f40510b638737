package io.stream4flow.cli.deploy;

import io.stream4flow.cli.CommandFailure;
import io.stream4flow.cli.ExitCode;
import io.stream4flow.cli.Checkout;
import io.stream4flow.cli.stack.StackHome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code s4fctl deploy -i INVENTORY [--check] [--limit GROUP] [--tags T]}: gathers the bundle into {@code
 * ansible/bundle}, runs {@code ansible-playbook ansible/site.yml} and shows one line per host and task that changed
 * or failed, then a summary per host (ok, changed, unreachable, failed); Ansible's whole output goes to the log.
 * {@code --vagrant}: {@code vagrant up} in {@code vagrant/}, which runs the same playbook. A missing ansible or
 * vagrant, or an unreachable host: one line, exit 3; a failed task: one line naming the host and the task, exit 1.
 */
@Command(name = "deploy", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Deploy Stream4Flow onto the hosts of an Ansible inventory (ansible/site.yml), or onto the "
                + "Vagrant lab.", "Prints each task that changed or failed on a host, then ok / changed / failed "
                + "per host; Ansible's whole output goes to the log (--log)."},
        footerHeading = "%nExamples:%n", footer = {"  s4fctl deploy -i ansible/inventory.ini",
            "  s4fctl deploy -i ansible/inventory.ini --check --limit producer",
            "  s4fctl deploy --vagrant", "  s4fctl deploy bundle ansible/bundle"})
public final class DeployCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = {"-i", "--inventory"}, paramLabel = "INVENTORY", description = "The Ansible inventory "
            + "(ansible/inventory.ini.example shows its groups).")
    private Path inventory;

    @Option(names = "--check", description = "Dry run: say what would change, change nothing (ansible --check).")
    private boolean check;

    @Option(names = "--limit", paramLabel = "GROUP", description = "Only these hosts or groups (ansible --limit).")
    private String limit;

    @Option(names = "--tags", paramLabel = "TAGS", description = "Only the tasks with these tags (ansible --tags).")
    private String tags;

    @Option(names = "--vagrant", description = "Bring up the Vagrant lab of vagrant/ instead (vagrant up).")
    private boolean vagrant;

    @Option(names = "--log", paramLabel = "FILE", description = "Ansible's whole output; default: "
            + "$S4F_HOME/deploy.log (~/.stream4flow/deploy.log).")
    private Path log;

    private final PrintStream out;
    private final PrintStream err;

    public DeployCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (vagrant == (inventory != null)) {
            throw new ParameterException(spec.commandLine(), "give -i INVENTORY or --vagrant (one of them)");
        }
        if (inventory != null && !Files.isRegularFile(inventory)) {
            throw new ParameterException(spec.commandLine(), "-i: no inventory file " + inventory);
        }
        Checkout.require("ansible/site.yml");
        Path root = Checkout.root();
        DeployBundleCommand.bundle(root.resolve("ansible").resolve("bundle"), err);
        Path logFile = log != null ? log : StackHome.defaultHome().root().resolve("deploy.log");
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        List<String> command = new ArrayList<>();
        Path dir;
        if (vagrant) {
            dir = root.resolve("vagrant");
            command.addAll(List.of(tool("vagrant"), "up"));
        } else {
            dir = root.resolve("ansible");
            command.addAll(List.of(tool("ansible-playbook"), "-i", inventory.toAbsolutePath().toString(), "site.yml"));
            if (check) {
                command.addAll(List.of("--check", "--diff"));
            }
            if (limit != null) {
                command.addAll(List.of("--limit", limit));
            }
            if (tags != null) {
                command.addAll(List.of("--tags", tags));
            }
        }
        return run(command, dir, logFile);
    }

    private int run(List<String> command, Path dir, Path logFile) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("ANSIBLE_NOCOLOR", "1");
        pb.environment().put("ANSIBLE_FORCE_COLOR", "0");
        pb.environment().put("ANSIBLE_STDOUT_CALLBACK", "default");
        pb.environment().put("PYTHONUNBUFFERED", "1");
        Process p = pb.start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
        PlaybookOutput output = new PlaybookOutput();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter logOut = new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                logOut.println(line);
                PlaybookOutput.Result r = output.line(line);
                if (r != null && !r.status().equals("ok") && !r.status().equals("skipping")) {
                    out.printf("%-20s %-11s %s%n", r.host(), r.status(), r.task());
                    out.flush();
                }
            }
        }
        int code = p.waitFor();
        List<PlaybookOutput.Recap> recap = output.recap();
        if (!recap.isEmpty()) {
            out.printf("%n%-20s %5s %8s %12s %7s %8s%n", "HOST", "OK", "CHANGED", "UNREACHABLE", "FAILED", "SKIPPED");
            for (PlaybookOutput.Recap r : recap) {
                out.printf("%-20s %5d %8d %12d %7d %8d%n", r.host(), r.ok(), r.changed(), r.unreachable(), r.failed(),
                        r.skipped());
            }
            out.flush();
        }
        List<PlaybookOutput.Failure> failures = output.failures();
        if (!failures.isEmpty()) {
            PlaybookOutput.Failure first = failures.get(0);
            throw new CommandFailure(first.unreachable() ? ExitCode.FAILURE : ExitCode.REJECTED,
                    first.line() + (failures.size() > 1 ? " (and " + (failures.size() - 1) + " more)" : "")
                            + "; the whole output: " + logFile);
        }
        if (code != 0) {
            throw new CommandFailure(ExitCode.REJECTED, String.join(" ", command.subList(0, 2)) + " exited with "
                    + code + "; its output: " + logFile);
        }
        return ExitCode.OK;
    }

    /** The absolute path of {@code name} on the PATH; exit 3 naming it when it is not there. */
    static String tool(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(d.isEmpty() ? "." : d, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        String pkg = name.startsWith("ansible") ? "ansible" : name;
        throw new CommandFailure(ExitCode.FAILURE, name + " not found on the PATH (Debian: apt-get install " + pkg
                + ")");
    }
}
