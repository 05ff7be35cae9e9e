package io.vigil.probe.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBufAllocator;
import io.vigil.config.TlsSpec;
import io.vigil.testing.TestCerts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Building the per-probe TLS client: unusable files are config errors naming the file. */
class TlsClientTest {
  @TempDir
  Path dir;

  @Test
  void missingCaFileIsRejectedWithItsPath() {
    Path missing = dir.resolve("nope.pem");
    assertThatThrownBy(() -> TlsClient.create(new TlsSpec(true, false, missing, "", null, null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing.toString());
  }

  @Test
  void caFileWithoutCertificatesIsRejected() throws Exception {
    Path text = Files.writeString(dir.resolve("empty.pem"), "");
    assertThatThrownBy(() -> TlsClient.create(new TlsSpec(true, false, text, "", null, null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(text.toString());
  }

  @Test
  void clientCertificateNeedsItsKey() {
    TestCerts.Issued client = TestCerts.create(dir).client("c");
    assertThatThrownBy(() -> TlsClient.create(new TlsSpec(true, false, null, "", client.certFile(), null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client_key");
  }

  @Test
  void engineSendsServerNameAndVerifiesTheHostButNeverForIpLiterals() {
    TestCerts certs = TestCerts.create(dir);
    TlsClient byHost = TlsClient.create(new TlsSpec(true, false, certs.caFile(), "", null, null));
    SSLEngine named = byHost.newHandler(ByteBufAllocator.DEFAULT, "shop.example").engine();
    assertThat(named.getSSLParameters().getServerNames()).containsExactly(new SNIHostName("shop.example"));
    assertThat(named.getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
    assertThat(named.getPeerHost()).isEqualTo("shop.example");
    SSLEngine literal = byHost.newHandler(ByteBufAllocator.DEFAULT, "127.0.0.1").engine();
    assertThat(literal.getSSLParameters().getServerNames()).isNullOrEmpty();
    assertThat(literal.getPeerHost()).isEqualTo("127.0.0.1");

    TlsClient overridden = TlsClient.create(new TlsSpec(true, false, null, "api.example", null, null));
    assertThat(overridden.verifyName("10.0.0.1")).isEqualTo("api.example");
    assertThat(overridden.newHandler(ByteBufAllocator.DEFAULT, "10.0.0.1").engine().getSSLParameters()
        .getServerNames()).isEqualTo(List.of(new SNIHostName("api.example")));
  }
}
