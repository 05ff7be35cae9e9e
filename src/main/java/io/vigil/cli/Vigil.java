package io.vigil.cli;

import io.vertx.core.Future;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vigil} command. With no arguments it is {@code vigil run} on the bundled configuration. */
@Command(name = "vigil", mixinStandardHelpOptions = true, version = "Vigil 0.1.0",
    description = "Synthetic blackbox prober and uptime monitor with SLOs and error budgets.",
    subcommands = {RunCommand.class, CheckCommand.class, ProbeCommand.class, DemoCommand.class,
        RulesCommand.class, ReportCommand.class, HistoryCommand.class, BudgetCommand.class, EventCommand.class,
        PostmortemCommand.class, ClusterCommand.class})
public final class Vigil implements Runnable {
  /** Exit code for an invalid configuration or command line. */
  static final int EXIT_CONFIG = 2;

  @Override
  public void run() {
    // never reached: main() turns a bare "vigil" into "vigil run"
  }

  public static void main(String[] args) {
    System.exit(execute(args.length == 0 ? new String[] {"run"} : args));
  }

  /** Runs a command line and returns its exit code. */
  public static int execute(String... args) {
    return execute(Clock.systemUTC(), null, null, args);
  }

  /**
   * Runs a command line with a given clock and, when not {@code null}, given output and error writers (a seam
   * for tests).
   */
  static int execute(Clock clock, PrintWriter out, PrintWriter err, String... args) {
    return execute(clock, System.getenv(), out, err, args);
  }

  /** As {@link #execute(Clock, PrintWriter, PrintWriter, String...)} with a given environment (a test seam). */
  static int execute(Clock clock, java.util.Map<String, String> env, PrintWriter out, PrintWriter err,
      String... args) {
    CommandLine.IFactory defaults = CommandLine.defaultFactory();
    CommandLine cli = new CommandLine(new Vigil(), new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        if (type == EventCommand.class) {
          return type.cast(new EventCommand(clock, env));
        }
        if (type == BudgetCommand.class) {
          return type.cast(new BudgetCommand(clock));
        }
        return type == ReportCommand.class ? type.cast(new ReportCommand(clock)) : defaults.create(type);
      }
    });
    if (out != null) {
      cli.setOut(out);
    }
    if (err != null) {
      cli.setErr(err);
    }
    cli.setExitCodeExceptionMapper(e -> EXIT_CONFIG);
    cli.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("vigil: " + ex.getMessage());
      ex.getCommandLine().usage(ex.getCommandLine().getErr());
      return EXIT_CONFIG;
    });
    return cli.execute(args);
  }

  /** Waits for a future from a plain thread; rethrows its failure unwrapped. */
  static <T> T await(Future<T> future, int seconds) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof Exception ex ? ex : e;
    }
  }
}
