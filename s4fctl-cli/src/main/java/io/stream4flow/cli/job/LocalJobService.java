package io.stream4flow.cli.job;

import io.stream4flow.cli.config.ClientConfig;
import io.stream4flow.cli.config.ConfigKey;
import io.stream4flow.cli.stack.ClusterDriver;
import io.stream4flow.cli.stack.JobsStatus;
import io.stream4flow.cli.stack.LocalStack;
import io.stream4flow.cli.stack.ServiceProcess;
import io.stream4flow.cli.stack.StackComponent;
import io.stream4flow.cli.stack.StackHome;
import io.stream4flow.cli.stack.StackSettings;
import io.stream4flow.schema.Topics;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * {@link JobService} on the local stack ({@code s4fctl up}, Spark {@code local[*]} or what the stack's settings say,
 * or the Spark standalone cluster a request names, {@link JobMaster}): each started job is a job runner (its Spark
 * driver) of its own, reading the stack's Kafka and writing to its Elasticsearch, with everything in
 * {@code <home>/jobs/NAME/}: {@code NAME.pid}, {@code NAME.log}, {@code status.tsv}, {@code job.properties}
 * (what was started: kind, query, master), {@code checkpoints/NAME/} (Spark's checkpoint, kept by {@code stop}, resumed by the
 * next {@code start}).
 *
 * <p>The stack's own runner ({@code <home>/jobs/jobs.pid}, {@code status.tsv}, {@code jobs.log}) is not managed here:
 * its jobs show with origin {@link JobStatus#STACK}, a second instance of one of them is refused, and {@code down}
 * stops them. A new job without a checkpoint starts at the end of {@code flows} (what arrives from then on).
 *
 * <p>Two {@code s4fctl} processes starting the same job at once are not guarded against beyond the "already runs"
 * check (as for {@link ServiceProcess}).
 */
public final class LocalJobService implements JobService {
    private static final String NAME_PATTERN = "[a-z][a-z0-9_]{0,63}";
    private static final String SPEC = "job.properties";

    private final StackHome home;
    private final StackSettings settings;

    public LocalJobService(StackHome home) {
        this(home, StackSettings.load(home));
    }

    /** @param settings the stack's settings in {@code home} (those of its last {@code up}) */
    public LocalJobService(StackHome home, StackSettings settings) {
        this.home = home;
        this.settings = settings;
    }

    /**
     * Stops every job started here that runs, as {@link #stop} does (what {@code s4fctl down} and a foreground
     * {@code up} do before stopping the stack's parts, which the jobs read from and write to).
     *
     * @param progress one line per job stopped
     */
    public void stopStarted(Duration grace, java.util.function.Consumer<String> progress) {
        for (String name : startedNames()) {
            Optional<ProcessHandle> p = process(name).running();
            if (p.isPresent()) {
                long t0 = System.nanoTime();
                process(name).stop(grace);
                progress.accept(String.format(java.util.Locale.ROOT, "job %s: stopped (pid %d) in %.1f s; checkpoint "
                        + "kept", name, p.get().pid(), (System.nanoTime() - t0) / 1e9));
            }
        }
    }

    @Override
    public List<JobInfo> list() {
        List<JobInfo> out = new ArrayList<>();
        List<String> catalogNames = new ArrayList<>();
        for (JobInfo j : new RunnerCalls(runnerDir()).catalog()) {
            catalogNames.add(j.name());
            out.add(new JobInfo(j.name(), j.kind(), j.description(), j.output(), j.defaultJob(), j.parameters(),
                    find(j.name()).orElse(never(j.name()))));
        }
        for (String name : startedNames()) {
            Properties spec = spec(name);
            if ("sql".equals(spec.getProperty("kind")) && !catalogNames.contains(name)) {
                out.add(new JobInfo(name, "sql", spec.getProperty("query", ""),
                        "stats".equals(spec.getProperty("emit")) ? "statistics" : "alerts", false, List.of(),
                        started(name)));
            }
        }
        return out;
    }

    @Override
    public JobStatus start(JobRequest request) {
        String name = request.name();
        if (name == null || !name.matches(NAME_PATTERN) || name.equals("all") || name.equals("default")) {
            throw usage("job name: expected one job's name (a lower-case word: a-z, 0-9, _), got '" + name + "'");
        }
        Optional<ProcessHandle> own = process(name).running();
        if (own.isPresent()) {
            throw usage("job " + name + " already runs (pid " + own.get().pid() + "); stop it first with s4fctl job "
                    + "stop " + name);
        }
        Optional<JobStatus> inStack = stackJobs().stream().filter(j -> j.name().equals(name) && j.running())
                .findFirst();
        if (inStack.isPresent()) {
            throw usage("job " + name + " already runs in the stack's own runner (pid " + inStack.get().pid()
                    .getAsLong() + ", started by s4fctl up)");
        }
        JobMaster master = JobMaster.of(request.master() != null ? request.master() : settings.master());
        ClientConfig config = ClientConfig.load(home);
        Path dir = dir(name);
        List<String> arguments = runnerArguments(request, master, config);
        try {
            JobLogins.write(dir, config).ifPresent(f -> arguments.addAll(List.of("--client-properties",
                    f.toString())));
        } catch (IOException e) {
            throw new JobException(JobException.Reason.FAILED, "cannot write the job's logins in " + dir + ": "
                    + e.getMessage());
        }
        new RunnerCalls(runnerDir()).check(arguments);
        requireStack(config);
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve(JobsStatus.FILE));
            Properties spec = new Properties();
            spec.setProperty("kind", request.isSql() ? "sql" : "catalog");
            spec.setProperty("master", master.url());
            if (request.isSql()) {
                spec.setProperty("query", request.sqlQuery());
                spec.setProperty("emit", request.sqlEmit() == null ? "alerts" : request.sqlEmit());
            }
            spec.setProperty("arguments", String.join("\u001f", arguments));
            try (Writer w = Files.newBufferedWriter(dir.resolve(SPEC), StandardCharsets.UTF_8)) {
                spec.store(w, "written by s4fctl job start");
            }
        } catch (IOException e) {
            throw new JobException(JobException.Reason.FAILED, "cannot write " + dir + ": " + e.getMessage());
        }
        try {
            process(name).start(ClusterDriver.command(dir, settings.jobsHeap(), arguments),
                    Map.of("SPARK_LOCAL_IP", master.driverHost()));
        } catch (io.stream4flow.cli.stack.StackException e) {
            throw new JobException(JobException.Reason.FAILED, e.getMessage());
        }
        return started(name);
    }

    @Override
    public JobStatus stop(String name, Duration grace) {
        JobStatus now = status(name);
        if (now.origin().equals(JobStatus.STACK)) {
            throw usage("job " + name + " runs in the stack's own runner (started by s4fctl up); s4fctl down stops it");
        }
        if (!now.running()) {
            throw usage("job " + name + " does not run (" + now.state() + ")");
        }
        process(name).stop(grace);
        return started(name);
    }

    @Override
    public List<JobStatus> status() {
        List<JobStatus> out = new ArrayList<>();
        for (String name : startedNames()) {
            out.add(started(name));
        }
        for (JobStatus j : stackJobs()) {
            if (out.stream().noneMatch(s -> s.name().equals(j.name()) && s.running())) {
                out.add(j);
            }
        }
        return out;
    }

    @Override
    public JobStatus status(String name) {
        return find(name).orElseThrow(() -> usage("no job " + name + " was started in " + home.root()
                + " (s4fctl job list shows the jobs)"));
    }

    @Override
    public Path log(String name) {
        return status(name).log();
    }

    // ------------------------------------------------------------------ the runner's command line

    private List<String> runnerArguments(JobRequest request, JobMaster master, ClientConfig config) {
        String name = request.name();
        Path dir = dir(name);
        List<String> a = new ArrayList<>(List.of("--bootstrap", config.kafka().bootstrap(), "--topic", Topics.FLOWS,
                "--input-format", settings.flowsFormat().uriName(), "--alerts-topic", Topics.ALERTS,
                "--es", config.elasticsearch().url(), "--checkpoint-dir", dir.resolve("checkpoints").toString(),
                "--master", master.url(), "--status-file", dir.resolve(JobsStatus.FILE).toString(),
                "--starting-offsets", "latest"));
        for (String conf : Stream.concat(master.sparkConf(name).stream(), request.sparkConf().stream()).toList()) {
            a.addAll(List.of("--spark-conf", conf));
        }
        if (request.isSql()) {
            a.addAll(List.of("--sql-query", request.sqlQuery(), "--sql-name", name, "--sql-emit",
                    request.sqlEmit() == null ? "alerts" : request.sqlEmit()));
            return a;
        }
        a.addAll(List.of("--job", name));
        String localNet = request.localNet() != null ? request.localNet()
                : settings.localNets().isEmpty() ? null : String.join(",", settings.localNets());
        if (localNet != null) {
            a.addAll(List.of("--local-net", localNet));
        }
        for (String p : request.params()) {
            if (p.indexOf('=') <= 0) {
                throw usage("--param " + p + ": expected KEY=VALUE");
            }
            a.addAll(List.of("--param", name + "." + p));
        }
        return a;
    }

    /**
     * The jobs read Kafka and write Elasticsearch where the configuration says ({@code s4fctl config show}), logging
     * in as it says ({@link JobLogins}): the local stack's unless set otherwise (a deployed cluster's). The local
     * stack must run when they are its.
     */
    private void requireStack(ClientConfig config) {
        boolean local = config.setting(ConfigKey.KAFKA_BOOTSTRAP).source().equals("stack")
                && config.setting(ConfigKey.ELASTICSEARCH_URL).source().equals("stack");
        if (!local) {
            return;
        }
        LocalStack stack = new LocalStack(home, settings, 0);
        for (StackComponent c : stack.components()) {
            if ((c.name().equals("kafka") || c.name().equals("elasticsearch")) && !c.healthy()) {
                throw new JobException(JobException.Reason.NOT_REACHABLE, "the local stack in " + home.root()
                        + " is not running (" + c.name() + " does not answer); start it with s4fctl up");
            }
        }
    }

    // ------------------------------------------------------------------ status

    private Optional<JobStatus> find(String name) {
        Optional<JobStatus> started = startedNames().contains(name) ? Optional.of(started(name)) : Optional.empty();
        if (started.isPresent() && started.get().running()) {
            return started;
        }
        Optional<JobStatus> stack = stackJobs().stream().filter(j -> j.name().equals(name)).findFirst();
        if (stack.isPresent() && (stack.get().running() || started.isEmpty())) {
            return stack;
        }
        return started;
    }

    /** A job started by {@code job start}: its runner's status line, or {@code starting} before the first. */
    private JobStatus started(String name) {
        Path dir = dir(name);
        Optional<ProcessHandle> p = process(name).running();
        Optional<JobsStatus.Job> line = JobsStatus.read(dir.resolve(JobsStatus.FILE))
                .flatMap(s -> s.jobs().stream().filter(j -> j.name().equals(name)).findFirst());
        String state = line.map(JobsStatus.Job::state).orElse(p.isPresent() ? "starting" : "stopped");
        if (p.isEmpty() && !state.equals("failed")) {
            state = "stopped";
        }
        return status(name, JobStatus.STARTED, state, p, line, dir.resolve(name + ".log"),
                dir.resolve("checkpoints").resolve(name), spec(name).getProperty("master", settings.master()));
    }

    /** The jobs of the stack's own runner, from its status file. */
    private List<JobStatus> stackJobs() {
        Optional<ProcessHandle> p = new ServiceProcess("jobs", home.jobs()).running();
        List<JobStatus> out = new ArrayList<>();
        JobsStatus.read(home.jobs().resolve(JobsStatus.FILE)).ifPresent(s -> s.jobs().forEach(j -> out.add(status(
                j.name(), JobStatus.STACK, p.isPresent() || j.state().equals("failed") ? j.state() : "stopped", p,
                Optional.of(j), home.jobs().resolve("jobs.log"), home.checkpoints(), settings.master()))));
        return out;
    }

    private static JobStatus status(String name, String origin, String state, Optional<ProcessHandle> p,
            Optional<JobsStatus.Job> line, Path log, Path checkpoint, String master) {
        JobsStatus.Job j = line.orElse(new JobsStatus.Job(name, state, -1, 0, 0, 0, 0, ""));
        return new JobStatus(name, origin, state, p.map(h -> OptionalLong.of(h.pid())).orElse(OptionalLong.empty()),
                j.batch(), j.inputRowsPerSecond(), j.processedRowsPerSecond(), j.batchMillis(), j.progressMillis(),
                j.watermark(), j.message(), log, checkpoint, master);
    }

    private JobStatus never(String name) {
        return status(name, JobStatus.STARTED, "stopped", Optional.empty(), Optional.empty(),
                dir(name).resolve(name + ".log"), dir(name).resolve("checkpoints").resolve(name), settings.master());
    }

    /** The names of the jobs started in this home (a directory with a {@value #SPEC}), sorted. */
    private List<String> startedNames() {
        if (!Files.isDirectory(home.jobs())) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(home.jobs())) {
            return dirs.filter(d -> d.getFileName().toString().matches(NAME_PATTERN))
                    .filter(d -> Files.isRegularFile(d.resolve(SPEC))).map(d -> d.getFileName().toString()).sorted()
                    .toList();
        } catch (IOException e) {
            throw new JobException(JobException.Reason.FAILED, "cannot list " + home.jobs() + ": " + e.getMessage());
        }
    }

    private Properties spec(String name) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir(name).resolve(SPEC), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            // an unreadable spec: listed as a catalog job would be, without its query
        }
        return p;
    }

    private Path dir(String name) {
        return home.jobs().resolve(name);
    }

    private Path runnerDir() {
        return home.jobs().resolve(".runner");
    }

    private ServiceProcess process(String name) {
        return new ServiceProcess(name, dir(name));
    }

    private static JobException usage(String message) {
        return new JobException(JobException.Reason.USAGE, message);
    }
}
