package io.vigil.testing;

import io.vigil.config.BoundaryConfig;
import io.vigil.config.DownWhen;
import io.vigil.config.HttpSpec;
import io.vigil.config.IpProtocol;
import io.vigil.config.ProbeConfig;
import io.vigil.config.ProbeType;
import io.vigil.config.Secret;
import io.vigil.config.SloConfig;
import io.vigil.config.StatusRange;
import io.vigil.config.StorageConfig;
import io.vigil.config.TlsSpec;
import io.vigil.config.VigilConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Builds configuration records directly, for tests that need no YAML. */
public final class TestConfigs {
  private TestConfigs() {}

  public static ProbeConfig http(String name, String boundary, String url, Duration interval, Duration timeout) {
    HttpSpec spec = new HttpSpec(url, "GET", Map.of(), "", HttpSpec.HttpExpect.DEFAULT, List.of(),
        HttpSpec.Addresses.FIRST, url.startsWith("https") ? TlsSpec.DEFAULT_ON : TlsSpec.OFF, HttpSpec.Auth.NONE,
        true, HttpSpec.DEFAULT_MAX_REDIRECTS, HttpSpec.DEFAULT_MAX_BODY, IpProtocol.IP4, true);
    return new ProbeConfig(name, boundary, name, ProbeType.HTTP, interval, timeout, Map.of(), spec, null, null,
        "test:1");
  }

  public static BoundaryConfig boundary(String name, List<SloConfig> slos) {
    return new BoundaryConfig(name, name, "", true, DownWhen.ANY, 1, 1, slos, List.of(), List.of(), "test:1");
  }

  public static VigilConfig config(List<BoundaryConfig> boundaries, List<ProbeConfig> probes,
      VigilConfig.HistogramsPer histograms) {
    return new VigilConfig(Path.of("test.yaml"), "127.0.0.1:0", "test", "", "Status",
        new StorageConfig(null, Secret.EMPTY, StorageConfig.Retention.DEFAULT), List.of(), List.of(),
        Secret.EMPTY, List.of(), VigilConfig.DEFAULT_NOTIFICATION_EXPIRY, histograms, false, boundaries, probes,
        io.vigil.config.Redactor.NONE);
  }

  public static List<StatusRange> status(int from, int to) {
    return List.of(new StatusRange(from, to));
  }
}
