package io.vigil.probe;

import io.vigil.config.ProbeConfig;
import io.vigil.probe.dns.DnsProbe;
import io.vigil.probe.http.HttpProbe;
import io.vigil.probe.tcp.TcpProbe;

/** The only place that dispatches on probe type. */
public final class Probes {
  private Probes() {}

  public static Probe create(ProbeConfig config, ProbeRuntime runtime) {
    return switch (config.type()) {
      case HTTP -> new HttpProbe(config, runtime);
      case TCP -> new TcpProbe(config, runtime);
      case DNS -> new DnsProbe(config, runtime);
    };
  }
}
