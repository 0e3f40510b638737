package io.stream4flow.cli.job;

import picocli.CommandLine.Command;

/** {@code s4fctl job}: the group of verbs about analysis jobs on the local stack. */
@Command(name = "job", mixinStandardHelpOptions = true,
        description = "List, start, stop and watch analysis jobs (the catalog's and user SQL jobs) on the local "
                + "stack started by `s4fctl up`; each started job runs in a Spark driver of its own.")
public final class JobCommand {
}
