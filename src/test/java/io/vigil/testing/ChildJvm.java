package io.vigil.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A JVM of its own on the test class path, for what must happen in another process (kill -9, signals, RSS). */
public final class ChildJvm {
  private ChildJvm() {}

  /** {@code java -Xmx<maxHeap> -cp <test class path> <mainClass> <args...>}, not started. */
  public static ProcessBuilder of(String maxHeap, String mainClass, String... args) {
    List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + maxHeap, "-cp", System.getProperty("java.class.path"), mainClass));
    argv.addAll(List.of(args));
    return new ProcessBuilder(argv);
  }

  /** The {@code vigil} command line ({@code run}, {@code probe NAME}, ...) in a child JVM, not started. */
  public static ProcessBuilder vigil(String maxHeap, String... args) {
    return of(maxHeap, "io.vigil.Vigil", args);
  }
}
