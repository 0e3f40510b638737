package io.stream4flow.cli.elasticsearch;

import picocli.CommandLine.Command;

/** {@code s4fctl elasticsearch}: the group of verbs about an Elasticsearch node of Stream4Flow's own. */
@Command(name = "elasticsearch", mixinStandardHelpOptions = true,
        description = "Run an Elasticsearch node (what the consumer hosts of a deployment run).",
        footerHeading = "%nExample:%n", footer = "  s4fctl elasticsearch run --host 10.0.0.3")
public final class ElasticsearchCommand {
}
