package io.stream4flow.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stream4flow.cli.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stack verbs without starting the stack: options, settings, status file, child processes. */
class StackCommandsTest {
    @TempDir
    Path home;

    @Test
    void badOptionsOfUpAreOneLineAndExit2() {
        assertThat(CliRun.s4fctl("up", "--home", home.toString(), "--local-net", "10.0.0.0/33").errLines().get(0))
                .startsWith("s4fctl: --local-net: ");
        CliRun port = CliRun.s4fctl("up", "--home", home.toString(), "--kafka-port", "70000");
        assertThat(port.code()).isEqualTo(2);
        assertThat(port.errLines().get(0)).isEqualTo("s4fctl: --kafka-port: 70000 is not a port (1-65535)");
        CliRun heap = CliRun.s4fctl("up", "--home", home.toString(), "--jobs-heap", "lots");
        assertThat(heap.code()).isEqualTo(2);
        assertThat(heap.errLines().get(0)).contains("--jobs-heap: 'lots'");
        CliRun demoNet = CliRun.s4fctl("up", "--home", home.toString(), "--demo", "--local-net", "2001:db8::/32");
        assertThat(demoNet.code()).isEqualTo(2);
        assertThat(demoNet.errLines().get(0)).contains("--demo needs an IPv4 network");
        assertThat(Files.exists(home.resolve(StackSettings.FILE))).as("nothing started, nothing written").isFalse();
    }

    @Test
    void aBareAddressIsAHostNetworkInEveryVerbAndNoNetworkForTheDemo() {
        // read as 10.0.0.1/32: up gets past --local-net and stops at the next bad option
        CliRun host = CliRun.s4fctl("up", "--home", home.toString(), "--local-net", "10.0.0.1", "--kafka-port", "0");
        assertThat(host.code()).isEqualTo(2);
        assertThat(host.errLines().get(0)).isEqualTo("s4fctl: --kafka-port: 0 is not a port (1-65535)");
        CliRun upDemo = CliRun.s4fctl("up", "--home", home.toString(), "--demo", "--local-net", "10.0.0.1");
        assertThat(upDemo.code()).isEqualTo(2);
        assertThat(upDemo.errLines().get(0)).isEqualTo("s4fctl: --local-net: --demo needs an IPv4 network of /24 or "
                + "larger among them (the demo's hosts are its first 254 addresses)");
        CliRun demo = CliRun.s4fctl("demo", "--local-net", "10.0.0.1", "--duration", "1");
        assertThat(demo.code()).isEqualTo(2);
        assertThat(demo.errLines().get(0)).isEqualTo("s4fctl: --local-net: '10.0.0.1' must be an IPv4 network of at "
                + "least 254 addresses (prefix /24 or shorter) for the demo");
        CliRun hostBits = CliRun.s4fctl("up", "--home", home.toString(), "--local-net", "10.0.0.1/8");
        assertThat(hostBits.code()).isEqualTo(2);
        assertThat(hostBits.errLines().get(0)).isEqualTo("s4fctl: --local-net: '10.0.0.1/8' has host bits set (did "
                + "you mean 10.0.0.0/8?)");
    }

    @Test
    void aForegroundUpReportsADownFromElsewhereAsAskedForAndExits0() throws Exception {
        StackHome h = new StackHome(home);
        LocalStack stack = new LocalStack(h, StackSettings.defaults(), List.of(sleeper(h)));
        stack.components().get(0).start();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.util.concurrent.CompletableFuture<Integer> up = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> watch(stack, err));
        Thread.sleep(1_500);
        assertThat(up).isNotDone();
        CliRun down = CliRun.s4fctl("down", "--home", home.toString());
        assertThat(down.code()).isZero();
        assertThat(down.err()).contains("collector: stopped");
        assertThat(up.get(30, java.util.concurrent.TimeUnit.SECONDS)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("s4fctl: stopped by s4fctl down (pid ")
                .doesNotContain("stopped by itself");
    }

    @Test
    void aForegroundUpReportsAPartThatStoppedByItselfAndExits3() throws Exception {
        StackHome h = new StackHome(home);
        CliRun.s4fctl("down", "--home", home.toString());     // a down before this up is not its stop
        Thread.sleep(5);
        LocalStack stack = new LocalStack(h, StackSettings.defaults(), List.of(sleeper(h)));
        stack.components().get(0).start();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.util.concurrent.CompletableFuture<Integer> up = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> watch(stack, err));
        stack.components().get(0).process().orElseThrow().destroyForcibly();
        assertThat(up.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("s4fctl: collector stopped by itself; its log ");
    }

    /** A stand-in collector: a sleep with the collector's pid file, so that {@code down} finds it. */
    private static StackComponent sleeper(StackHome h) {
        return new ChildComponent(new ServiceProcess("collector", h.collector()), () -> List.of("sleep", "120"),
                Map.of(), () -> true, Duration.ofSeconds(5), "a sleep");
    }

    private static int watch(LocalStack stack, java.io.ByteArrayOutputStream err) {
        try {
            return UpCommand.watch(stack, new java.util.concurrent.CountDownLatch(1), System.currentTimeMillis() - 1,
                    new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void statusOfAStoppedStackListsEveryPartAndExits3() {
        CliRun status = CliRun.s4fctl("status", "--home", home.toString());
        assertThat(status.code()).isEqualTo(3);
        assertThat(status.out()).contains("kafka", "elasticsearch", "collector", "jobs").contains("stopped")
                .doesNotContain("healthy");
    }

    @Test
    void downWithNothingRunningSaysSo() {
        CliRun down = CliRun.s4fctl("down", "--home", home.toString());
        assertThat(down.code()).isZero();
        assertThat(down.err()).contains("nothing was running");
    }

    @Test
    void settingsSurviveASaveAndLoad() {
        StackSettings s = new StackSettings("127.0.0.1", 14739, 12055, 19464, 19092, 19200, "local[2]",
                List.of("10.0.0.0/8", "2001:db8::/32"), true, "768m", "1g", "3g",
                List.of("--param", "portscan.min-targets=50"));
        StackHome h = new StackHome(home);
        s.save(h);
        assertThat(StackSettings.load(h)).isEqualTo(s);
        assertThat(StackSettings.load(new StackHome(home.resolve("none")))).isEqualTo(StackSettings.defaults());
        assertThat(s.flowsFormat()).isEqualTo(LocalStack.FLOWS_FORMAT);
        StackSettings json = s.withFlowsFormat(io.stream4flow.schema.RecordFormat.JSON);
        json.save(h);
        assertThat(StackSettings.load(h)).isEqualTo(json);
    }

    @Test
    void jobsStatusIsReadFromTheRunnersFile() throws Exception {
        Path file = home.resolve(JobsStatus.FILE);
        assertThat(JobsStatus.read(file)).isEmpty();
        Files.writeString(file, "portscan\trunning\t3\t10.0\t200.5\t1790000000000\t1234\t\n"
                + "protocols\tstarting\t-1\t0.0\t0.0\t1790000000000\t0\t\n", StandardCharsets.UTF_8);
        JobsStatus status = JobsStatus.read(file).orElseThrow();
        assertThat(status.jobs()).hasSize(2);
        assertThat(status.jobs().get(0).rows()).isEqualTo(1234);
        assertThat(status.allRunning()).isFalse();
        Files.writeString(file, "portscan\tfailed\t3\t0\t0\t1790000000000\t1234\tboom: no broker\n",
                StandardCharsets.UTF_8);
        assertThat(JobsStatus.read(file).orElseThrow().failure()).contains("portscan: boom: no broker");
        Files.writeString(file, "portscan\trunning\tthree\t0\t0\t0\t0\t\n", StandardCharsets.UTF_8);
        assertThat(JobsStatus.read(file)).as("damaged").isEmpty();
    }

    @Test
    void aServiceProcessIsFoundByItsPidFileAndStopped() throws Exception {
        ServiceProcess p = new ServiceProcess("sleeper", home);
        assertThat(p.running()).isEmpty();
        ProcessHandle h = p.start(List.of("sleep", "60"), Map.of());
        assertThat(new ServiceProcess("sleeper", home).running()).contains(h);
        assertThatThrownBy(() -> p.start(List.of("sleep", "60"), Map.of()))
                .isInstanceOf(StackException.class).hasMessageContaining("already runs (pid " + h.pid() + ")");
        assertThat(new ServiceProcess("sleeper", home).stop(Duration.ofSeconds(10))).isTrue();
        assertThat(h.isAlive()).isFalse();
        assertThat(Files.exists(home.resolve("sleeper.pid"))).isFalse();
        // a pid file naming a process that started at another time is stale
        Files.writeString(home.resolve("sleeper.pid"), ProcessHandle.current().pid() + " 1\n");
        assertThat(p.running()).isEmpty();
    }

    @Test
    void sizesAndTheMemoryCheck() {
        assertThat(Memory.mib("512m")).isEqualTo(512);
        assertThat(Memory.mib("2g")).isEqualTo(2048);
        StackSettings huge = new StackSettings("127.0.0.1", 1, 2, 3, 4, 5, "local[2]", List.of(), false,
                "512m", "512m", "100000g", List.of());
        assertThatThrownBy(() -> Memory.requireAvailable(huge)).isInstanceOf(StackException.class)
                .hasMessageStartingWith("not enough memory: the stack needs about")
                .hasMessageContaining("lower --jobs-heap");
    }
}
