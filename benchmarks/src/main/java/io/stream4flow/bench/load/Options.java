package io.stream4flow.bench.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The harness's command line. Defaults are the full run (about 10 minutes on 2 cores);
 * {@code --quick} is a smoke check (three short steps per target, no bisection).
 */
final class Options {
    static final String USAGE = String.join("\n",
            "usage: java -cp benchmarks/target/benchmarks.jar io.stream4flow.bench.load.LoadHarness [options]",
            "  --quick               smoke check: rates 100k,400k,1M; 3 s steps; no bisection, no retry",
            "  --targets LIST        of null,file-avro,kafka-avro,file,kafka,nfcapd",
            "                        (default null,file-avro,kafka-avro,file,nfcapd; file and kafka are JSON)",
            "  --rates LIST          records/s of the rising steps (default 100000,250000,500000,1000000,1500000,",
            "                        2000000,2500000,3000000,4000000,5000000)",
            "  --step-seconds N      sending time per step (default 5)",
            "  --refine N            bisection rounds after the first failing step (default 2)",
            "  --retries N           tries of a failing step before it counts (default 1)",
            "  --warmup-seconds N    collector warm-up at the first rate before the search (default 5)",
            "  --flows N             flows in the generated traffic (default 10000)",
            "  --seed N              traffic generator seed (default 1)",
            "  --fresh               make the traffic capture and the softflowd stream again",
            "  --collector MODE      auto (default), cli (s4fctl collector run) or embedded",
            "  --heap SIZE           collector -Xmx (default 256m)",
            "  --collector-yaml FILE collector settings appended to its config file (tuning experiments)",
            "  --work DIR            work folder (default benchmarks/target/load; results JSON then goes there too)",
            "  --file-dir DIR        where the file sink writes (default: the work folder)",
            "  --quiet-wait N        before each step, wait up to N s for other processes to use < --quiet-cores",
            "                        (default 5; the machine is shared)",
            "  --quiet-cores X       (default 0.25)",
            "  --profile             after each collector search, one JFR-profiled step at the first failing rate",
            "  --cpu-datagrams N     datagrams/s of the CPU-per-record step of file-avro and nfcapd (default 40000;",
            "                        0: no such step)",
            "  --cold-seconds N      sending time of the first-seconds step on a fresh collector and nfcapd",
            "                        (default 10; 0: no such step)",
            "  --cold-rate N         records/s of that step (default: half the null sink's zero-loss rate)");

    static final List<String> ALL_TARGETS = List.of("null", "file-avro", "kafka-avro", "file", "kafka", "nfcapd");
    List<String> targets = List.of("null", "file-avro", "kafka-avro", "file", "nfcapd");
    long[] rates = {100_000, 250_000, 500_000, 1_000_000, 1_500_000, 2_000_000, 2_500_000, 3_000_000, 4_000_000,
        5_000_000};
    int stepSeconds = 5;
    int cpuDatagrams = 40_000;
    int coldSeconds = 10;
    long coldRate;
    int refine = 2;
    int retries = 1;
    int warmupSeconds = 5;
    int quietWait = 5;
    double quietCores = 0.25;
    int flows = 10_000;
    long seed = 1;
    boolean fresh;
    boolean quick;
    boolean profile;
    String collector = "auto";
    String heap = "256m";
    Path work;
    Path fileDir;
    Path collectorYaml;

    static Options parse(String[] args) {
        Options o = new Options();
        List<String> a = new ArrayList<>(Arrays.asList(args));
        if (a.contains("--quick")) {
            o.quick = true;
            o.rates = new long[] {100_000, 400_000, 1_000_000};
            o.stepSeconds = 3;
            o.refine = 0;
            o.retries = 0;
            o.warmupSeconds = 2;
            o.quietWait = 0;
            o.coldSeconds = 3;
        }
        for (int i = 0; i < a.size(); i++) {
            String k = a.get(i);
            switch (k) {
                case "--quick" -> { }
                case "--fresh" -> o.fresh = true;
                case "--profile" -> o.profile = true;
                case "-h", "--help" -> throw new IllegalArgumentException("");
                default -> {
                    if (i + 1 >= a.size()) {
                        throw new IllegalArgumentException("missing value after " + k);
                    }
                    String v = a.get(++i);
                    switch (k) {
                        case "--targets" -> o.targets = List.of(v.split(","));
                        case "--rates" -> o.rates = Arrays.stream(v.split(",")).mapToLong(Long::parseLong).toArray();
                        case "--step-seconds" -> o.stepSeconds = Integer.parseInt(v);
                        case "--refine" -> o.refine = Integer.parseInt(v);
                        case "--retries" -> o.retries = Integer.parseInt(v);
                        case "--warmup-seconds" -> o.warmupSeconds = Integer.parseInt(v);
                        case "--quiet-wait" -> o.quietWait = Integer.parseInt(v);
                        case "--quiet-cores" -> o.quietCores = Double.parseDouble(v);
                        case "--flows" -> o.flows = Integer.parseInt(v);
                        case "--seed" -> o.seed = Long.parseLong(v);
                        case "--collector" -> o.collector = v;
                        case "--heap" -> o.heap = v;
                        case "--work" -> o.work = Path.of(v);
                        case "--file-dir" -> o.fileDir = Path.of(v);
                        case "--collector-yaml" -> o.collectorYaml = Path.of(v);
                        case "--cpu-datagrams" -> o.cpuDatagrams = Integer.parseInt(v);
                        case "--cold-seconds" -> o.coldSeconds = Integer.parseInt(v);
                        case "--cold-rate" -> o.coldRate = Long.parseLong(v);
                        default -> throw new IllegalArgumentException("unknown option " + k);
                    }
                }
            }
        }
        for (String t : o.targets) {
            if (!ALL_TARGETS.contains(t)) {
                throw new IllegalArgumentException("unknown target " + t + " (" + String.join(", ", ALL_TARGETS) + ")");
            }
        }
        if (!List.of("auto", "cli", "embedded").contains(o.collector)) {
            throw new IllegalArgumentException("--collector is auto, cli or embedded");
        }
        return o;
    }
}
