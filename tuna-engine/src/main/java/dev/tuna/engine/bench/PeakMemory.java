package dev.tuna.engine.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's peak memory: resident set (Linux {@code VmHWM}, which counts the Java heap, native buffers and the
 * touched pages of memory-mapped weights alike) and the Java heap's peak use. {@link #reset()} starts a new window,
 * so each benchmark part reports its own peak.
 */
public final class PeakMemory {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private PeakMemory() {
    }

    /** Starts a new peak window (collects garbage first, so the heap peak starts from live data). */
    public static void reset() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        try {
            Files.writeString(CLEAR_REFS, "5"); // "5" resets VmHWM to the current RSS (Linux 4.0+)
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // Not Linux, or not allowed: the RSS peak then covers the whole process lifetime.
        }
    }

    /** Peak resident set since the last reset, MB (10⁶ bytes); NaN where /proc is not available. */
    public static double rssMb() {
        return statusKb("VmHWM:") / 1e3;
    }

    /** Current resident set, MB; NaN where /proc is not available. */
    public static double currentRssMb() {
        return statusKb("VmRSS:") / 1e3;
    }

    /** Peak Java heap use since the last reset, MB (the sum of the heap pools' peaks: an upper bound). */
    public static double heapMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / 1e6;
    }

    private static double statusKb(String key) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(key)) {
                    return Double.parseDouble(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
