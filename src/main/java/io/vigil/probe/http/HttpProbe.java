package io.vigil.probe.http;

import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vigil.config.ProbeConfig;
import io.vigil.probe.Probe;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.ProbeRuntime;

/** Placeholder until the Http probe lands. */
public final class HttpProbe implements Probe {
  private final ProbeConfig config;
  private final ProbeRuntime runtime;

  public HttpProbe(ProbeConfig config, ProbeRuntime runtime) {
    this.config = config;
    this.runtime = runtime;
  }

  @Override
  public Future<ProbeResult> run(EventLoop loop) {
    throw new UnsupportedOperationException("not yet: " + config.name() + runtime);
  }
}
