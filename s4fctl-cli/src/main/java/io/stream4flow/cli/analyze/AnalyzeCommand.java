package io.stream4flow.cli.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stream4flow.cli.Args;
import io.stream4flow.cli.ExitCode;
import io.stream4flow.cli.collector.FileDecoder;
import io.stream4flow.cli.output.OutputFormat;
import io.stream4flow.cli.output.Progress;
import io.stream4flow.cli.stack.ClusterDriver;
import io.stream4flow.collector.decode.DecoderLimits;
import io.stream4flow.collector.offline.DecodeSummary;
import io.stream4flow.schema.ElementRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code s4fctl analyze [--local-net CIDR]... [--jobs LIST] [--param JOB.KEY=VALUE]... [--output json|table|csv]
 * FILE...}: the analyses over recorded data, with no stack. The files are decoded as {@code s4fctl collector decode}
 * does (captures, raw payloads, the collector's Avro files), then the cluster module's batch runner
 * ({@code io.stream4flow.cluster.runner.Analyze}: the streaming jobs' own functions, on event time) runs in a JVM of
 * its own (Spark {@code local[2]}), as the stack runs the jobs.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n", footer = "  s4fctl analyze --local-net 10.10.0.0/24 --jobs ssh_bruteforce,portscan incident.pcap | jq .description", sortOptions = false,
        description = {
            "Run the analyses over recorded data with no stack: captures of export datagrams (pcap, pcapng), raw "
                    + "payload files, and the collector's Avro flow files, decoded as 'collector decode' does.",
            "Prints the documents the streaming jobs would write (alerts and statistics, their Elasticsearch "
                    + "shape): --output json, one per line (the default); table or csv, one row per document.",
            "Default jobs: every job its parameters allow (--local-net enables those of the local network).",
            "Exit codes: 0 ran, 1 some input rejected (the rest analysed), 2 usage, 3 error."})
public final class AnalyzeCommand implements Callable<Integer> {
    static final String MAIN_CLASS = "io.stream4flow.cluster.runner.Analyze";
    private static final List<String> COLUMNS = List.of("job", "type", "time", "severity", "src_ip", "dst_ip",
            "summary");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Option(names = "--local-net", paramLabel = "CIDR", description = "A local network (repeatable).")
    private List<String> localNets = new ArrayList<>();

    @Option(names = "--jobs", split = ",", paramLabel = "LIST", description = "Jobs to run, comma-separated.")
    private List<String> jobs = new ArrayList<>();

    @Option(names = "--param", paramLabel = "JOB.KEY=VALUE", description = "A job parameter (repeatable).")
    private List<String> params = new ArrayList<>();

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "json",
            description = "json (one document per line), table or csv.")
    private String output;

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "2g", description = "Heap of the Spark JVM.")
    private String heap;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Capture, raw payload or Avro flow file.")
    private List<Path> files;

    private final PrintStream out;
    private final PrintStream err;

    public AnalyzeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Args.readableFiles(spec, files);
        if (!List.of("json", "table", "csv").contains(output)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--output: expected json, table or csv, got '" + output + "'");
        }
        for (String n : localNets) {
            Args.network(spec, "--local-net", n);
        }
        Path dir = Files.createTempDirectory("s4f-analyze-");
        Path flows = dir.resolve("flows.jsonl");
        DecodeSummary summary;
        try (OutputStream o = Files.newOutputStream(flows)) {
            summary = new FileDecoder(ElementRegistry.bundled(), DecoderLimits.DEFAULTS).decode(files, o, err);
        }
        summary.print(err);
        Path documents = dir.resolve("documents.jsonl");
        List<String> args = new ArrayList<>(List.of("--input", flows.toString(), "--output", documents.toString(),
                "--master", "local[2]"));
        jobs.forEach(j -> args.addAll(List.of("--job", j.strip())));
        params.forEach(p -> args.addAll(List.of("--param", p)));
        if (!localNets.isEmpty()) {
            args.addAll(List.of("--local-net", String.join(",", localNets)));
        }
        Path progressFile = dir.resolve("progress");
        args.addAll(List.of("--progress", progressFile.toString()));
        Path log = dir.resolve("analyze.log");
        ProcessBuilder pb = new ProcessBuilder(ClusterDriver.command(dir, heap, MAIN_CLASS, args))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        int exit;
        try (Progress progress = Progress.start(err, "analyze", " jobs", () -> jobsProgress(progressFile, 0),
                () -> jobsProgress(progressFile, 1))) {
            exit = pb.start().waitFor();
        }
        if (exit == ExitCode.USAGE) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), usageLine(log));
        }
        if (exit != 0) {
            err.println("s4fctl: analyze: the Spark run failed (exit " + exit + "); its log: " + log);
            return ExitCode.FAILURE;
        }
        print(documents);
        deleteTree(dir);
        return summary.clean() ? ExitCode.OK : ExitCode.REJECTED;
    }

    /** Jobs done ({@code field} 0) or planned (1) as the runner's progress file says; 0 before it is written. */
    private static long jobsProgress(Path file, int field) {
        try {
            String[] parts = Files.readString(file, StandardCharsets.UTF_8).strip().split(" ");
            return Long.parseLong(parts[field]);
        } catch (IOException | RuntimeException e) { // not written yet
            return 0;
        }
    }

    /** The runner's one-line reason for refusing the options ({@code s4f-analyze: ...}), without its prefix. */
    private static String usageLine(Path log) throws IOException {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.startsWith("s4f-analyze: ")).map(l -> l.substring("s4f-analyze: ".length()))
                    .findFirst().orElse("the analyses refused the options; see " + log);
        }
    }

    private void print(Path documents) throws IOException {
        List<String> docs = Files.readAllLines(documents, StandardCharsets.UTF_8);
        if (output.equals("json")) {
            docs.forEach(out::println);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (String d : docs) {
            JsonNode n = JSON.readTree(d);
            rows.add(List.of(text(n, "job", text(n, "type", "")), text(n, "type", ""), text(n, "@timestamp", ""),
                    text(n, "severity", ""), text(n, "src_ip", text(n, "host", "")), text(n, "dst_ip", ""),
                    text(n, "description", summary(n))));
        }
        out.print(OutputFormat.valueOf(output).rows(COLUMNS, new boolean[COLUMNS.size()], rows));
    }

    /** For a statistics document: its flows, packets and bytes where it has them. */
    private static String summary(JsonNode n) {
        StringBuilder s = new StringBuilder();
        for (String k : List.of("flows", "packets", "bytes")) {
            if (n.has(k)) {
                s.append(s.length() == 0 ? "" : " ").append(k).append('=').append(n.get(k).asText());
            }
        }
        return s.toString();
    }

    private static String text(JsonNode n, String field, String otherwise) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? otherwise : v.asText();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
