package io.stream4flow.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One line about the machine the numbers come from: cores, CPU model, memory, load, kernel, Java. */
public final class Machine {
    private Machine() { }

    public static String describe() {
        String load = read("/proc/loadavg");
        String[] l = load.split(" ");
        long memKb = 0;
        for (String line : read("/proc/meminfo").split("\n")) {
            if (line.startsWith("MemTotal:")) {
                memKb = Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        String model = "unknown CPU";
        for (String line : read("/proc/cpuinfo").split("\n")) {
            if (line.startsWith("model name")) {
                model = line.substring(line.indexOf(':') + 1).strip();
                break;
            }
        }
        return String.format("%d cores (%s), %.1f GiB, load average %s before the run, Linux %s, Java %s (%s)",
                Runtime.getRuntime().availableProcessors(), model, memKb / 1048576.0, l.length > 2 ? l[0] + " " + l[1] + " " + l[2] : "?",
                System.getProperty("os.version"), System.getProperty("java.version"), System.getProperty("java.vm.name"));
    }

    private static String read(String f) {
        try {
            return Procfs.read(Path.of(f)).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
