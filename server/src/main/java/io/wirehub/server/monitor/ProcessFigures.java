package io.wirehub.server.monitor;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's memory and CPU as /varz reports them: resident memory in bytes (what nats-server's
 * "mem" is, so it compares with ps and top, not the JVM's heap figures) and CPU as ps's %CPU,
 * where 100 is one core fully used.
 */
final class ProcessFigures {
    private static final Path STATM = Path.of("/proc/self/statm");
    private static final long PAGE_SIZE = 4096;

    private ProcessFigures() {
    }

    /** Resident set size; the JVM's committed memory where /proc is not available. */
    static long residentBytes() {
        try {
            String[] fields = Files.readString(STATM).trim().split(" ");
            return Long.parseLong(fields[1]) * PAGE_SIZE;
        } catch (IOException | RuntimeException e) {
            Runtime runtime = Runtime.getRuntime();
            return runtime.totalMemory() + ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getCommitted();
        }
    }

    /** Recent CPU use in percent of one core, two decimals; 0 when the JVM cannot tell. */
    static double cpuPercent() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            double load = os.getProcessCpuLoad();
            if (load >= 0) {
                return Math.round(load * Runtime.getRuntime().availableProcessors() * 10000) / 100.0;
            }
        }
        return 0;
    }
}
