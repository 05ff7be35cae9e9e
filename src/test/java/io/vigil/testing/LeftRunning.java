package io.vigil.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that leaves threads running after its last test: Vert.x instances, servers, clients and
 * executors a class starts must be stopped by it, or the next classes run under its load (timing tests notice
 * first). Registered for every class by service loading; threads the JVM, the build and shared libraries
 * keep for good are ignored (the JDK's HTTP client has no close in Java 17: its idle workers end by
 * themselves a minute later). Every finding is also appended to {@code target/left-running.txt}.
 */
public final class LeftRunning implements BeforeAllCallback, AfterAllCallback {
  /** Threads that belong to the JVM, the test runner or a library-wide pool, not to one test. */
  private static final Pattern SHARED = Pattern.compile(String.join("|",
      "main", "Reference Handler", "Finalizer", "Signal Dispatcher", "Common-Cleaner", "Attach Listener",
      "Notification Thread", "surefire-forkedjvm-.*", "process reaper", "ForkJoinPool\\.commonPool-worker-\\d+",
      "JNA Cleaner", "Okio Watchdog", "OkHttp .*", "UrlChecker-\\d+", "Exec Default Executor",
      "HttpClient-\\d+-SelectorManager", "HttpClient-\\d+-Worker-\\d+", "Cleaner-\\d+", "Keep-Alive-Timer",
      "process-reaper", "Java2D Disposer", "CompletableFutureDelayScheduler",
      "junit-jupiter-timeout-watcher", "ThreadedStreamConsumer", "ping-.*", "fork-.*"));
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LeftRunning.class);
  private static final long GRACE_MILLIS = 3_000;

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getStore(NS).put("before", ids());
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    @SuppressWarnings("unchecked")
    Set<Long> before = (Set<Long>) context.getStore(NS).get("before");
    long deadline = System.currentTimeMillis() + GRACE_MILLIS;
    List<Thread> left = leftSince(before);
    while (!left.isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(50); // threads of a closed pool end shortly after close returns
      left = leftSince(before);
    }
    if (left.isEmpty()) {
      return;
    }
    StringBuilder names = new StringBuilder();
    for (Thread t : left) {
      names.append(names.isEmpty() ? "" : ", ").append(t.getName());
    }
    String finding = context.getRequiredTestClass().getName() + " left running: " + names;
    try {
      Files.writeString(Path.of("target", "left-running.txt"), finding + "\n", StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException ignored) {
      // the report file is a convenience; the failure below is what counts
    }
    throw new AssertionError(finding);
  }

  private static Set<Long> ids() {
    Set<Long> ids = new HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      ids.add(t.getId());
    }
    return ids;
  }

  private static List<Thread> leftSince(Set<Long> before) {
    List<Thread> left = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && !before.contains(t.getId()) && !SHARED.matcher(t.getName()).matches()) {
        left.add(t);
      }
    }
    return left;
  }
}
