package io.vigil.cli;

import io.vigil.config.StorageConfig;
import io.vigil.store.HistoryCopy;
import io.vigil.store.StoreException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil history}: commands on the history database itself. */
@Command(name = "history", description = "Work on the history database.", subcommands = HistoryCommand.Copy.class)
final class HistoryCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /**
   * {@code vigil history copy --from sqlite:PATH --to postgres:URL} (or the other way): copies all history into
   * a database that holds none yet. Exit 0, or 1 with one line on stderr. A password may be in the URL or in
   * {@code VIGIL_PG_PASSWORD}; it is never printed.
   */
  @Command(name = "copy", description = "Copy all history: --from sqlite:PATH|postgres:URL --to the other.")
  static final class Copy implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--from", required = true, description = "sqlite:PATH or postgres:URL") String from;

    @Option(names = "--to", required = true, description = "sqlite:PATH or postgres:URL (without history yet)")
    String to;

    @Option(names = "--node", description = "node name stamped on raw results copied into PostgreSQL")
    String node = StorageConfig.defaultNode();

    @Option(names = "--location", description = "location stamped on raw results copied into PostgreSQL")
    String location = "local";

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try {
        Map<String, Long> counts = HistoryCopy.copy(from, to, node, location, Duration.ofSeconds(30));
        counts.forEach((table, n) -> out.printf("%s: %d rows%n", table, n));
        out.flush();
        return 0;
      } catch (StoreException e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("vigil: " + e.getMessage());
        err.flush();
        return 1;
      }
    }
  }
}
