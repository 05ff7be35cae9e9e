package io.vigil.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil demo}: starts the loopback demo targets (healthy, flaky, slow, DNS) and runs the bundled demo
 * configuration against them, so a status page with live data appears with no network. The configuration is
 * the one shipped in the jar, unpacked under the system's temporary folder (history kept between demos).
 */
@Command(name = "demo", description = "Start local demo targets and probe them (no network needed).")
final class DemoCommand implements Callable<Integer> {
  static final String[] BUNDLED = {"config/vigil.yaml", "probes/demo.yaml"};

  @Option(names = "--listen", paramLabel = "HOST:PORT", description = "overrides listen (default 127.0.0.1:8080)")
  String listen;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path home = Path.of(System.getProperty("java.io.tmpdir"), "vigil-demo");
    unpack(home);
    spec.commandLine().getOut().println("Vigil demo: configuration in " + home + "; status page on http://"
        + (listen == null ? "127.0.0.1:8080" : listen) + "/");
    spec.commandLine().getOut().flush();
    return RunCommand.serve(spec, home.resolve("config/vigil.yaml"), listen);
  }

  static void unpack(Path home) throws IOException {
    for (String file : BUNDLED) {
      Path target = home.resolve(file);
      Files.createDirectories(target.getParent());
      try (InputStream in = DemoCommand.class.getResourceAsStream("/bundled/" + file)) {
        if (in == null) {
          throw new IOException("the jar lacks bundled/" + file);
        }
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
