package io.stream4flow.cli.collector;

import io.stream4flow.cli.Args;
import io.stream4flow.cli.Elements;
import io.stream4flow.cli.ExitCode;
import io.stream4flow.collector.decode.DecoderLimits;
import io.stream4flow.collector.offline.DecodeSummary;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code s4fctl collector decode [--summary] [--elements DIR] FILE...}; the work is {@link FileDecoder}'s. */
@Command(name = "decode", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n", footer = "  s4fctl collector decode export.pcap | jq -c '{src: .\"iana:sourceIPv4Address\", bytes: .\"iana:octetDeltaCount\"}'", sortOptions = false,
        description = {
            "Decode NetFlow v5/v9 and IPFIX from captures (pcap, pcapng) or raw payload files.",
            "stdout: one JSON object per record (JSON lines). stderr: a summary (messages, records, "
                    + "templates, errors by reason).",
            "Raw payload files given in one call form one exporter's stream (127.0.0.1 port 0), in "
                    + "the order given.",
            "An Avro container file the collector wrote (output file:PATH?format=avro) is printed as the "
                    + "same JSON lines, not decoded."})
public final class DecodeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--summary", description = "Print only the summary, no records.")
    private boolean summaryOnly;

    @Option(names = Elements.OPTION, paramLabel = "DIR",
            description = "Directory of extra information-element definition files (*.xml); "
                    + "default: ~/.stream4flow/elements/ if it exists.")
    private Path elements;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Capture or raw payload file.")
    private List<Path> files;

    private final PrintStream out;
    private final PrintStream err;

    public DecodeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        Args.readableFiles(spec, files);
        FileDecoder decoder = new FileDecoder(Elements.registry(spec, elements), DecoderLimits.DEFAULTS);
        DecodeSummary summary = decoder.decode(files, summaryOnly ? OutputStream.nullOutputStream() : out, err);
        summary.print(err);
        return summary.clean() ? ExitCode.OK : ExitCode.REJECTED;
    }
}
