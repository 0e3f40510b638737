package io.stream4flow.cli.kafka;

import picocli.CommandLine.Command;

/** {@code s4fctl kafka}: the group of verbs about a local Kafka broker and its topics. */
@Command(name = "kafka", mixinStandardHelpOptions = true,
        description = "Run a local Kafka broker, read its topics.")
public final class KafkaCommand {
}
