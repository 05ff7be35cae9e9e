package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testing.TestCerts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil check} builds every probe as run does: a client key that exists but is not a key passes the
 * syntax checks and is still refused, at the probe's position, with exit 2; a good pair passes.
 */
class CheckBuildsProbesTest {
  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private Run check(String clientKey) throws Exception {
    TestCerts certs = TestCerts.create(dir.resolve("certs"));
    TestCerts.Issued client = certs.server("client.test");
    Files.writeString(dir.resolve("vigil.yaml"), "probe_files: [probes.yaml]\n");
    Files.writeString(dir.resolve("probes.yaml"), """
        boundaries: [{name: shop}]
        probes:
          - name: mtls
            boundary: shop
            type: http
            http:
              url: https://127.0.0.1:8443/
              tls: {ca_file: "%s", client_cert: "%s", client_key: "%s"}
        """.formatted(certs.caFile(), client.certFile(), clientKey.equals("good") ? client.keyFile()
        : client.certFile()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Vigil.execute(Clock.systemUTC(), new PrintWriter(out), new PrintWriter(err), "check", "--config",
        dir.resolve("vigil.yaml").toString());
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void aClientKeyThatIsNotAKeyIsRefusedAtTheProbe() throws Exception {
    Run bad = check("the certificate instead");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).startsWith(dir.resolve("probes.yaml") + ":3: probe mtls: cannot load client_cert ");
    assertThat(bad.out()).isEmpty();
  }

  @Test
  void aGoodClientPairPasses() throws Exception {
    Run good = check("good");
    assertThat(good.exit()).as(good.err()).isZero();
    assertThat(good.out()).contains(": OK (1 boundaries, 1 probes");
  }
}
