package io.stream4flow.collector.config;

import io.stream4flow.collector.live.CollectorConfig;
import io.stream4flow.collector.live.RingWait;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** A mutable copy of a {@link CollectorConfig} that the loader sets key by key. Not thread-safe. */
final class ConfigBuilder {
    List<URI> listeners;
    URI output;
    List<String> allowlist;
    int readerThreads;
    int decoderThreads;
    int ringSize;
    int slotBytes;
    int udpReceiveBufferBytes;
    Path stateDir;
    int stateSaveSeconds;
    int templateLifetimeSeconds;
    int heldBytesPerExporter;
    int heldMaxAgeSeconds;
    String metricsListen;
    Path statsJson;
    String kafkaCompression;
    int kafkaLingerMs;
    int kafkaBatchBytes;
    long kafkaBufferBytes;
    long fileRotateBytes;
    int fileRotateSeconds;
    RingWait ringWait;
    long jvmHeapBytes;
    long warmupMillis;

    ConfigBuilder(CollectorConfig c) {
        listeners = c.listeners();
        output = c.output();
        allowlist = c.allowlist();
        readerThreads = c.readerThreads();
        decoderThreads = c.decoderThreads();
        ringSize = c.ringSize();
        slotBytes = c.slotBytes();
        udpReceiveBufferBytes = c.udpReceiveBufferBytes();
        stateDir = c.stateDir();
        stateSaveSeconds = c.stateSaveSeconds();
        templateLifetimeSeconds = c.templateLifetimeSeconds();
        heldBytesPerExporter = c.heldBytesPerExporter();
        heldMaxAgeSeconds = c.heldMaxAgeSeconds();
        metricsListen = c.metricsListen();
        statsJson = c.statsJson();
        kafkaCompression = c.kafkaCompression();
        kafkaLingerMs = c.kafkaLingerMs();
        kafkaBatchBytes = c.kafkaBatchBytes();
        kafkaBufferBytes = c.kafkaBufferBytes();
        fileRotateBytes = c.fileRotateBytes();
        fileRotateSeconds = c.fileRotateSeconds();
        ringWait = c.ringWait();
        jvmHeapBytes = c.jvmHeapBytes();
        warmupMillis = c.warmupMillis();
    }

    CollectorConfig build() {
        return new CollectorConfig(List.copyOf(listeners), output, List.copyOf(allowlist), readerThreads,
                decoderThreads, ringSize, slotBytes, udpReceiveBufferBytes, stateDir, stateSaveSeconds,
                templateLifetimeSeconds, heldBytesPerExporter, heldMaxAgeSeconds, metricsListen, statsJson,
                kafkaCompression, kafkaLingerMs, kafkaBatchBytes, kafkaBufferBytes, fileRotateBytes,
                fileRotateSeconds, ringWait, jvmHeapBytes, warmupMillis);
    }
}
