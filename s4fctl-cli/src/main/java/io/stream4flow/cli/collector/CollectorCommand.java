package io.stream4flow.cli.collector;

import picocli.CommandLine.Command;

/** {@code s4fctl collector}: the group of verbs about the flow collector. */
@Command(name = "collector", mixinStandardHelpOptions = true,
        description = "Work with the NetFlow/IPFIX collector.")
public final class CollectorCommand {
}
