package io.vigil.cli;

import io.vigil.config.VigilConfig;
import io.vigil.report.PostmortemDraft;
import io.vigil.store.HistoryReader;
import io.vigil.store.StoreException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil postmortem ID}: prints a Markdown postmortem draft of an incident from the history of
 * {@code --config} (read-only). Exits 0, 2 for an invalid configuration or an unknown incident, 1 when the history
 * cannot be read.
 */
@Command(name = "postmortem", description = "Print a Markdown postmortem draft of an incident from history.")
final class PostmortemCommand implements Callable<Integer> {
  @Mixin ConfigOption config;
  @Parameters(paramLabel = "ID", description = "the incident id, as in the API (boundary-startMillis)")
  String id;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    VigilConfig c = config.load(err);
    if (c == null) {
      return Vigil.EXIT_CONFIG;
    }
    try (HistoryReader history = HistoryReader.open(c.storage())) {
      out.print(PostmortemDraft.render(c, history, id));
      out.flush();
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("vigil: " + e.getMessage());
      err.flush();
      return Vigil.EXIT_CONFIG;
    } catch (StoreException e) {
      err.println("vigil: " + e.getMessage());
      err.flush();
      return 1;
    }
  }
}
