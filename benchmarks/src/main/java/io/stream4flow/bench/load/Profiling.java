package io.stream4flow.bench.load;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One extra, JFR-recorded step of a collector target at the rate where it first lost records (or
 * 25 % above its highest rate when it lost nothing): where the collector JVM spends its time when it
 * cannot keep up. Not part of the search.
 */
final class Profiling {
    private static final int TOP = 15;

    private Profiling() { }

    static Map<String, Object> profile(CollectorTarget t, RateSearch.Outcome outcome, int seconds, Path work, Log log)
            throws Exception {
        long rate = outcome.firstFailure() != null ? outcome.firstFailure().askedRate()
                : RateSearch.roundRate(outcome.rate() * 5 / 4);
        Path dir = work.resolve(t.key());
        Path recording = dir.resolve("profile-" + rate + ".jfr");
        JfrProfile.start(t.jvm().pid(), recording, dir.resolve("jcmd.log"));
        StepResult r = t.step(rate, seconds * 1_000_000_000L);
        JfrProfile.stop(t.jvm().pid(), dir.resolve("jcmd.log"));
        log.info("profiled " + r.line());
        JfrProfile.Summary s = JfrProfile.summarise(recording, dir, TOP);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rate", rate);
        m.put("recording", recording.toString());
        m.put("step", r.line());
        m.put("thread_cpu_cores", r.threadCores());
        m.put("samples", s.samples());
        m.put("threads", s.threads());
        m.put("self", s.self());
        m.put("total", s.total());
        m.put("native_samples", s.nativeSamples());
        m.put("native_top", s.nativeTop());
        log.info("  thread CPU (cores): " + r.threadCores());
        log.info("  Java samples: " + s.samples() + ", per thread: " + s.threads());
        log.info("  top methods (self):");
        s.self().forEach((k, v) -> log.info(String.format("    %5.1f %%  %s", v * 100, k)));
        log.info("  top methods (total):");
        s.total().forEach((k, v) -> log.info(String.format("    %5.1f %%  %s", v * 100, k)));
        log.info("  in native code (thread: top frame), of " + s.nativeSamples() + " native samples:");
        s.nativeTop().forEach((k, v) -> log.info(String.format("    %5.1f %%  %s", v * 100, k)));
        return m;
    }
}
