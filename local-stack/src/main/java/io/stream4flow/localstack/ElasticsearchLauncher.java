package io.stream4flow.localstack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.stream4flow.localstack.launcher.ParentWatchdog;

/**
 * The command that runs an Elasticsearch node: {@code [setpriv ...] java ... CliToolLauncher} started directly, as
 * {@code bin/elasticsearch} would (same system properties, same environment clean-up), but without the shell script
 * in between, so that {@link ParentWatchdog} can sit in front of the launcher and the process id is the launcher's.
 * The launcher starts the server JVM as its child, with the options of {@code config/jvm.options}, and the server
 * exits when the launcher's pipe to it closes. Stateless; any thread.
 */
final class ElasticsearchLauncher {

    private ElasticsearchLauncher() {
    }

    /**
     * Starts {@code CliToolLauncher} of the distribution {@code home} with configuration {@code conf}, as
     * {@code user}, output into {@code logFile} (truncated). With {@code watchParent} it runs under
     * {@link ParentWatchdog} (its class file is expected in {@code <dataDir>/launcher}) and its stdin stays open,
     * so it exits when this JVM dies; otherwise stdin is closed at once. Returns at once; does not wait for the node.
     */
    static Process start(ServerUser user, Path java, Path javaHome, Path home, Path conf, Path dataDir,
            Path logFile, boolean watchParent) {
        List<String> command = new ArrayList<>(user.commandPrefix());
        command.add(java.toString());
        command.addAll(List.of("-Xms4m", "-Xmx64m", "-XX:+UseSerialGC",
                "-Dcli.name=server", "-Dcli.script=" + home.resolve("bin/elasticsearch"),
                "-Dcli.libs=lib/tools/server-cli", "-Des.path.home=" + home, ElasticsearchNode.commandMarker(conf),
                "-Des.distribution.type=zip", "-Des.java.type=ES_JAVA_HOME"));
        List<String> classpath = new ArrayList<>();
        if (watchParent) {
            classpath.add(dataDir.resolve("launcher").toString());
        }
        classpath.add(home.resolve("lib") + "/*");
        classpath.add(home.resolve("lib/cli-launcher") + "/*");
        command.add("-cp");
        command.add(String.join(":", classpath));
        if (watchParent) {
            command.add(ParentWatchdog.class.getName());
        }
        command.add("org.elasticsearch.launcher.CliToolLauncher");

        ProcessBuilder builder = new ProcessBuilder(Sessions.ownSession(command)).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
        Map<String, String> env = builder.environment();
        // as bin/elasticsearch-env does: these would reach both JVMs unasked
        env.remove("JAVA_TOOL_OPTIONS");
        env.remove("_JAVA_OPTIONS");
        env.remove("JAVA_HOME");
        env.put("ES_JAVA_HOME", javaHome.toString());
        env.put("ES_HOME", home.toString());
        env.put("ES_PATH_CONF", conf.toString());
        env.put("ES_TMPDIR", dataDir.resolve("tmp").toString());
        try {
            Process started = builder.start();
            if (!watchParent) {
                started.getOutputStream().close();
            }
            return started;
        } catch (IOException e) {
            throw new LocalStackException("cannot start Elasticsearch (" + command.get(0) + "): " + e.getMessage(), e);
        }
    }
}
