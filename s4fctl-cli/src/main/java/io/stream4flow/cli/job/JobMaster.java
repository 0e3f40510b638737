package io.stream4flow.cli.job;

import io.stream4flow.cli.stack.ClusterDriver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Spark master a started job runs on, and what its runner needs for it. {@code local[...]}: the executors run in
 * the runner's JVM. {@code spark://HOST:PORT[,HOST:PORT...]} (a standalone cluster): the runner is the driver
 * (client deploy mode) and its executors run on the cluster's workers, which fetch the jobs' jar from it
 * ({@code spark.jars}) and connect back to it at {@link #driverHost()}, the address this machine reaches the
 * master from.
 *
 * @param url the master URL as given
 * @param driverHost the address the driver binds and advertises: {@code 127.0.0.1} for a local master
 */
public record JobMaster(String url, String driverHost) {
    private static final String STANDALONE = "spark://";
    private static final int CONNECT_MILLIS = 3_000;

    /**
     * Checks {@code url}, and for a standalone master that it answers (a TCP connection to its port).
     *
     * @throws JobException {@code USAGE} for a URL of neither form, {@code NOT_REACHABLE} when no master of a
     *     standalone URL accepts a connection
     */
    public static JobMaster of(String url) {
        if (!wellFormed(url)) {
            throw usage(url);
        }
        if (url.startsWith("local")) {
            return new JobMaster(url, "127.0.0.1");
        }
        String failure = "";
        for (String hostPort : url.substring(STANDALONE.length()).split(",", -1)) {
            int colon = hostPort.lastIndexOf(':');
            String host = hostPort.substring(0, colon);
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1))), CONNECT_MILLIS);
                return new JobMaster(url, s.getLocalAddress().getHostAddress());
            } catch (IOException e) {
                failure = hostPort + ": " + e.getMessage();
            }
        }
        throw new JobException(JobException.Reason.NOT_REACHABLE, "the Spark master " + url + " does not answer ("
                + failure + "); start it or correct --master");
    }

    boolean standalone() {
        return url.startsWith(STANDALONE);
    }

    /**
     * The runner's {@code --spark-conf} values for this master: none for a local one; for a standalone one the jobs'
     * jar as {@code spark.jars}, {@code spark.driver.host}, the application's name and the Java 17 flags of the
     * executors.
     *
     * @throws JobException {@code FAILED} when the jobs are built as a classes folder, not a jar the executors can
     *     fetch
     */
    List<String> sparkConf(String job) {
        if (!standalone()) {
            return List.of();
        }
        Path jobsJar = ClusterDriver.classpath().get(0);
        if (!Files.isRegularFile(jobsJar)) {
            throw new JobException(JobException.Reason.FAILED, "a job on " + url + " needs the jobs packaged as a jar, "
                    + "but this s4fctl runs them from " + jobsJar + "; build with `mvn -pl s4fctl-cli -am package`");
        }
        List<String> conf = new ArrayList<>();
        conf.add("spark.jars=" + jobsJar.toAbsolutePath());
        conf.add("spark.driver.host=" + driverHost);
        conf.add("spark.app.name=stream4flow-" + job);
        conf.add("spark.executor.extraJavaOptions=" + String.join(" ", ClusterDriver.JAVA17_FLAGS));
        return conf;
    }

    /** Whether {@code url} is {@code local}, {@code local[N]}, {@code local[*]} or {@code spark://HOST:PORT[,...]}. */
    public static boolean wellFormed(String url) {
        if (url.matches("local(\\[(\\*|[1-9][0-9]*)])?")) {
            return true;
        }
        if (!url.startsWith(STANDALONE)) {
            return false;
        }
        for (String hostPort : url.substring(STANDALONE.length()).split(",", -1)) {
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0 || !hostPort.substring(colon + 1).matches("[1-9][0-9]{0,4}")
                    || Integer.parseInt(hostPort.substring(colon + 1)) > 65535) {
                return false;
            }
        }
        return true;
    }

    private static JobException usage(String url) {
        return new JobException(JobException.Reason.USAGE, "--master: expected local, local[N], local[*] or "
                + "spark://HOST:PORT, got '" + url + "'");
    }
}
