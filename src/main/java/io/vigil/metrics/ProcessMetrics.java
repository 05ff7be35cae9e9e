package io.vigil.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process series Prometheus users expect under their usual names: {@code process_cpu_seconds_total}
 * and {@code process_resident_memory_bytes} (Linux). Micrometer's processor binder names them in ways
 * {@code promtool check metrics} objects to.
 */
public final class ProcessMetrics implements MeterBinder {
  private static final Path STATUS = Path.of("/proc/self/status");

  @Override
  public void bindTo(MeterRegistry registry) {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      FunctionCounter.builder("process.cpu", sun, b -> b.getProcessCpuTime() / 1e9)
          .baseUnit("seconds").description("CPU time used by the Vigil process").register(registry);
    }
    if (Files.isReadable(STATUS)) {
      Gauge.builder("process.resident.memory", ProcessMetrics::residentBytes)
          .baseUnit("bytes").description("Resident set size of the Vigil process").register(registry);
    }
  }

  /** VmRSS from /proc/self/status, in bytes; NaN when unreadable. */
  static double residentBytes() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }
}
