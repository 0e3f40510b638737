package io.stream4flow.cluster.runner;

import io.stream4flow.schema.RecordFormat;
import io.stream4flow.schema.Topics;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.util.ShutdownHookManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.stream4flow.cluster.FlowsView;
import io.stream4flow.cluster.jobs.CombinedJobs;
import io.stream4flow.cluster.jobs.HostsJob;
import io.stream4flow.cluster.jobs.JobCatalog;
import io.stream4flow.cluster.jobs.OutputKind;
import io.stream4flow.cluster.jobs.SqlJob;
import io.stream4flow.cluster.jobs.JobDefinition;
import io.stream4flow.cluster.jobs.JobParameter;
import io.stream4flow.cluster.jobs.JobParams;
import io.stream4flow.cluster.output.DocumentSink;
import io.stream4flow.cluster.output.ElasticsearchWriter;
import io.stream4flow.cluster.output.IndexRetention;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import scala.runtime.AbstractFunction0;
import scala.runtime.BoxedUnit;

/**
 * Main class of the cluster driver: runs the chosen jobs as streaming queries from Kafka {@code flows} to
 * Elasticsearch and Kafka {@code alerts} until stopped (SIGTERM / Ctrl-C stops the queries, then Spark).
 *
 * <p>Exit codes: 0 stopped (or, with {@code --trigger available-now}, done), 1 a query failed, 2 bad options or
 * parameters (one line on stderr).
 */
@Command(name = "s4f-cluster", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs Stream4Flow analysis jobs on Spark: Kafka flows -> statistics and alerts.")
public final class JobRunner implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    /** Higher runs earlier: before Spark's own hook stops the SparkContext (priority 50). */
    private static final int STOP_QUERIES_PRIORITY = 60;

    @Option(names = "--bootstrap", defaultValue = "127.0.0.1:9092", description = "Kafka bootstrap servers")
    String bootstrap;
    @Option(names = "--topic", defaultValue = Topics.FLOWS, description = "topic of flow records")
    String topic;
    @Option(names = "--input-format", defaultValue = "json", paramLabel = "json|avro",
            description = "encoding of the flow records in the topic: json (flow JSON) or avro (Avro flow records, "
                    + "the collector's ?format=avro)")
    String inputFormat;
    @Option(names = "--alerts-topic", defaultValue = Topics.ALERTS, description = "topic alerts go to")
    String alertsTopic;
    @Option(names = "--es", defaultValue = "http://127.0.0.1:9200",
            description = "Elasticsearch URL, or 'none' to write nothing there")
    String es;
    @Option(names = "--retention-days", defaultValue = "30",
            description = "delete the daily s4f-* indices older than this many days (checked at start and hourly);"
                    + " 0 keeps everything")
    int retentionDays;
    @Option(names = "--es-wait", defaultValue = "180s",
            description = "how long to wait at start for Elasticsearch to answer (it may still be starting)")
    String esWait;
    @Option(names = "--checkpoint-dir", description = "one sub-directory per query, named after it: the job, or "
            + "protocols+hosts+portscan for the combined one (default ~/.stream4flow/checkpoints)")
    Path checkpointDir = Path.of(System.getProperty("user.home"), ".stream4flow", "checkpoints");
    @Option(names = "--client-properties", paramLabel = "FILE", description = "logins to Kafka and Elasticsearch "
            + "(mode 0600; ClientLogins): kafka.* client properties, elasticsearch.username, .password, .ca")
    Path clientProperties;

    @Option(names = "--master", defaultValue = "local[*]", description = "Spark master")
    String master;
    @Option(names = "--shuffle-partitions", defaultValue = "4", description = "spark.sql.shuffle.partitions")
    int shufflePartitions;
    @Option(names = "--spark-conf", paramLabel = "KEY=VALUE", description = "one more Spark setting, repeatable (as"
            + " spark-submit's --conf), e.g. spark.sql.streaming.noDataMicroBatches.enabled=false")
    List<String> sparkConf = new ArrayList<>();
    @Option(names = "--job", description = "job to run, repeatable; all: every job that can run with the options"
            + " given; default (also without --job): protocols, topn, portscan, and hosts when --local-net is given")
    List<String> jobs = new ArrayList<>();
    @Option(names = "--param", description = "job.key=value, repeatable (e.g. portscan.min-targets=50)")
    List<String> params = new ArrayList<>();
    @Option(names = "--local-net", description = "local network CIDRs (comma-separated) for the jobs that take one")
    String localNet;
    @Option(names = "--starting-offsets", defaultValue = "latest",
            description = "latest|earliest: where a job without a checkpoint starts")
    String startingOffsets;
    @Option(names = "--starting-timestamp", paramLabel = "EPOCH_MS",
            description = "where a job without a checkpoint starts: the first record at or after this time "
                    + "(Kafka's offsets by timestamp); 0 = the beginning. Replaces --starting-offsets.")
    Long startingTimestamp;
    @Option(names = "--status-file", paramLabel = "PATH",
            description = "status file (one line per job; default <checkpoint-dir>/status.tsv)")
    Path statusFile;
    @Option(names = "--trigger", defaultValue = "2s",
            description = "micro-batch interval (500ms, 2s, ...) or 'available-now' (process what is there, stop)")
    String trigger;
    @Option(names = "--max-offsets-per-trigger", defaultValue = "0",
            description = "Kafka messages per micro-batch (one JSON record, or a block of Avro records), 0 = no limit")
    long maxOffsetsPerTrigger;
    @Option(names = "--combine", description = "run protocols, hosts and portscan as one query (one read and "
            + "parse of the topic for them) instead of one query per job; slower on 2 cores with a new state row per flow, "
            + "faster on ordinary traffic (see the README); s4fctl up passes it")
    boolean combine;
    @Option(names = "--sql-query", paramLabel = "SQL", description = "a user-defined job: a continuous Spark SQL query "
            + "over the table 'flows' (the flows view); its rows become alerts, or statistics with --sql-emit stats")
    String sqlQuery;
    @Option(names = "--sql-name", paramLabel = "NAME", defaultValue = "sql",
            description = "the user-defined job's name: its documents' type and job")
    String sqlName;
    @Option(names = "--sql-emit", paramLabel = "alerts|stats", defaultValue = "alerts",
            description = "what the user-defined job's rows become")
    String sqlEmit;
    @Option(names = "--progress-interval", defaultValue = "10s", description = "least time between progress lines")
    String progressInterval;
    @Option(names = "--list-jobs", description = "print the job catalog as JSON on stdout (names, descriptions, "
            + "parameters with type, default, required and description) and exit 0; see CatalogJson")
    boolean listJobs;
    @Option(names = "--check", description = "validate the options, jobs and parameters (a --sql-query against the "
            + "flows view too) and exit: 0 when they are good, 2 with the one-line message when not; starts no query")
    boolean check;

    public static void main(String[] args) {
        System.exit(new CommandLine(new JobRunner()).execute(args));
    }

    @Override
    public Integer call() {
        if (listJobs) {
            JobCatalog catalog = JobCatalog.builtIn();
            System.out.println(CatalogJson.of(catalog, catalog.defaults(true).stream().map(JobDefinition::name)
                    .collect(java.util.stream.Collectors.toSet())));
            System.out.flush();
            return 0;
        }
        Map<JobDefinition, JobParams> plan;
        RunnerConfig config;
        Map<String, String> settings;
        try {
            plan = plan();
            config = config();
            settings = RunnerSpark.settings(sparkConf);
            if (retentionDays < 0) {
                throw new IllegalArgumentException("--retention-days: expected 0 (keep all) or more days, got "
                        + retentionDays);
            }
        } catch (IllegalArgumentException e) {
            new PrintWriter(System.err, true).println("s4f-cluster: " + e.getMessage());
            return 2;
        }
        boolean sql = plan.keySet().stream().anyMatch(SqlJob.class::isInstance);
        if (check && !sql) {
            return 0;
        }
        SparkSession spark = RunnerSpark.session(check ? "local[1]" : master, shufflePartitions, settings);
        try {
            plan.keySet().stream().filter(SqlJob.class::isInstance).forEach(j -> ((SqlJob) j).validate(spark));
        } catch (IllegalArgumentException e) {
            new PrintWriter(System.err, true).println("s4f-cluster: " + e.getMessage());
            spark.stop();
            return 2;
        }
        if (check) {
            spark.stop();
            return 0;
        }
        ClientLogins logins = logins();
        ElasticsearchWriter writer = es.equals("none") ? null
                : ElasticsearchWriter.connect(es, logins.esUsername(), logins.esPassword(), logins.esCa());
        try {
            if (writer != null) {
                installTemplates(writer, duration("--es-wait", esWait));
                if (retentionDays > 0) {
                    scheduleRetention(writer, retentionDays);
                }
            }
            Files.createDirectories(config.checkpointDir());
            ProgressReporter progress = new ProgressReporter(duration("--progress-interval", progressInterval)
                    .toMillis(), statusFile != null ? statusFile : config.checkpointDir().resolve("status.tsv"));
            progress.starting(plan.keySet().stream().map(JobDefinition::name).toList());
            spark.streams().addListener(progress);
            List<StreamingQuery> queries = start(spark, plan, config, new DocumentSink(writer, bootstrap,
                    alertsTopic, JobPlan.profileLinks(plan), logins.kafkaOptions()), combine);
            ShutdownHookManager.addShutdownHook(STOP_QUERIES_PRIORITY, new AbstractFunction0<BoxedUnit>() {
                @Override
                public BoxedUnit apply() {
                    stopAll(queries);
                    queries.forEach(progress::stopped);
                    return BoxedUnit.UNIT;
                }
            });
            return awaitAll(spark, queries);
        } catch (java.io.IOException e) {
            LOG.error("cannot create {}: {}", config.checkpointDir(), e.getMessage());
            return 1;
        } finally {
            if (writer != null) {
                writer.close();
            }
        }
    }

    /**
     * The jobs to run with their validated parameters, from {@code --job}, {@code --param} and
     * {@code --local-net}.
     *
     * @throws IllegalArgumentException one line naming the job and key for an unknown job or a bad parameter
     */
    public Map<JobDefinition, JobParams> plan() {
        JobCatalog catalog = JobCatalog.builtIn();
        if (sqlQuery == null) {
            return JobPlan.of(catalog, jobs, params, localNet, catalog.defaults(localNet != null));
        }
        if (!sqlEmit.equals("alerts") && !sqlEmit.equals("stats")) {
            throw new IllegalArgumentException("--sql-emit: expected alerts or stats, got '" + sqlEmit + "'");
        }
        SqlJob sql = new SqlJob(sqlName, sqlQuery, sqlEmit.equals("alerts") ? OutputKind.ALERTS : OutputKind.STATISTICS);
        if (catalog.all().stream().anyMatch(d -> d.name().equals(sqlName))) {
            throw new IllegalArgumentException("--sql-name: " + sqlName + " is the name of a job of the catalog");
        }
        Map<JobDefinition, JobParams> plan = new LinkedHashMap<>(
                JobPlan.of(catalog, jobs, params, localNet, List.of()));
        plan.put(sql, sql.params(Map.of()));
        return plan;
    }

    /** The logins of {@code --client-properties}, {@link ClientLogins#NONE} without it. */
    ClientLogins logins() {
        return clientProperties == null ? ClientLogins.NONE : ClientLogins.load(clientProperties);
    }

    /** The I/O configuration from the options; {@link IllegalArgumentException} for a bad value. */
    public RunnerConfig config() {
        if (!startingOffsets.equals("latest") && !startingOffsets.equals("earliest")) {
            throw new IllegalArgumentException("--starting-offsets: expected latest or earliest, got "
                    + startingOffsets);
        }
        if (startingTimestamp != null && startingTimestamp < 0) {
            throw new IllegalArgumentException("--starting-timestamp: expected epoch milliseconds >= 0, got "
                    + startingTimestamp);
        }
        String start = startingTimestamp == null ? startingOffsets
                : startingTimestamp == 0 ? "earliest" : "@" + startingTimestamp;
        Duration interval = trigger.equals("available-now") ? null : duration("--trigger", trigger);
        RecordFormat format;
        try {
            format = RecordFormat.parse(inputFormat);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--input-format: " + e.getMessage(), e);
        }
        return new RunnerConfig(bootstrap, topic, format, alertsTopic, checkpointDir, start, interval,
                maxOffsetsPerTrigger, logins().kafkaOptions());
    }

    /** {@link #start(SparkSession, Map, RunnerConfig, DocumentSink, boolean)} with one query per job. */
    public static List<StreamingQuery> start(SparkSession spark, Map<JobDefinition, JobParams> plan,
            RunnerConfig config, DocumentSink sink) {
        return start(spark, plan, config, sink, false);
    }

    /**
     * Starts the planned jobs: with {@code combine}, the jobs {@link CombinedJobs#combinable} (when there are two
     * or more) as one query and the others one query each; without, one query per job.
     */
    public static List<StreamingQuery> start(SparkSession spark, Map<JobDefinition, JobParams> plan,
            RunnerConfig config, DocumentSink sink, boolean combine) {
        List<StreamingQuery> queries = new ArrayList<>();
        Map<JobDefinition, JobParams> members = new LinkedHashMap<>();
        if (combine) {
            plan.forEach((job, params) -> {
                if (CombinedJobs.combinable(job)) {
                    members.put(job, params);
                }
            });
            if (members.size() < 2) {
                members.clear();
            }
        }
        if (!members.isEmpty()) {
            CombinedJobs combined = new CombinedJobs(members);
            queries.add(JobQueries.startCombined(spark, combined, config, sink));
            members.forEach((job, params) -> LOG.info("job {} started in query {}: {} {}", job.name(),
                    combined.name(), params.values(), job.output()));
        }
        plan.forEach((job, params) -> {
            if (!members.containsKey(job)) {
                queries.add(JobQueries.start(spark, job, params, config, sink));
                LOG.info("job {} started: {} {}", job.name(), params.values(), job.output());
            }
        });
        return queries;
    }


    /**
     * Installs the index templates, retrying every second while Elasticsearch does not answer (it may start
     * at the same time as this runner), at most {@code wait}.
     *
     * @throws java.io.UncheckedIOException the last failure when {@code wait} is over
     */
    static void installTemplates(ElasticsearchWriter writer, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        boolean logged = false;
        while (true) {
            try {
                writer.installTemplates();
                return;
            } catch (java.io.UncheckedIOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                if (!logged) {
                    LOG.info("waiting for Elasticsearch: {}", e.getMessage());
                    logged = true;
                }
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Elasticsearch", e);
            }
        }
    }

    /**
     * Deletes expired daily indices ({@link IndexRetention}) now and every hour after, on a daemon thread; a
     * failure is logged and tried again at the next hour.
     */
    static void scheduleRetention(ElasticsearchWriter writer, int days) {
        java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "s4f-index-retention");
                    t.setDaemon(true);
                    return t;
                });
        timer.scheduleWithFixedDelay(() -> {
            try {
                List<String> deleted = IndexRetention.apply(writer.client(), days,
                        java.time.LocalDate.now(java.time.ZoneOffset.UTC));
                if (!deleted.isEmpty()) {
                    LOG.info("retention of {} days: deleted {}", days, deleted);
                }
            } catch (java.io.IOException | RuntimeException e) {
                LOG.warn("retention of {} days: {}", days, e.getMessage());
            }
        }, 0, 1, java.util.concurrent.TimeUnit.HOURS);
    }

    /** Waits until every query ends; 1 if any failed (the others are then stopped), else 0. */
    public static int awaitAll(SparkSession spark, List<StreamingQuery> queries) {
        int rc = 0;
        while (queries.stream().anyMatch(StreamingQuery::isActive)) {
            try {
                spark.streams().awaitAnyTermination();
                spark.streams().resetTerminated();
            } catch (StreamingQueryException e) {
                LOG.error("a query failed: {}", e.getMessage());
                stopAll(queries);
                rc = 1;
            }
        }
        return rc;
    }

    private static void stopAll(List<StreamingQuery> queries) {
        for (StreamingQuery q : queries) {
            try {
                if (q.isActive()) {
                    q.stop();
                }
            } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
                LOG.warn("query {} did not stop cleanly: {}", q.name(), e.getMessage());
            }
        }
    }

    private static Duration duration(String option, String text) {
        JobParameter p = JobParameter.optional(option, JobParameter.Type.DURATION, null, "");
        try {
            return (Duration) p.parse("runner", text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage().replaceFirst("^.*?: parameter [^:]*: ",
                    ""));
        }
    }
}
