package io.vigil.cluster;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vigil.probe.Outcome;
import io.vigil.probe.PhaseTimings;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.Reason;
import java.util.List;

/**
 * Every run's result, shared with the other nodes of the cluster over the clustered event bus: each node accounts
 * every boundary from every location's runs (so any node can serve the status page, and a node that takes a
 * boundary over already holds its live state). What travels is what accounting and live state read: the
 * probe, where it ran, start, duration, outcome, reason and the (redacted) message.
 */
final class ResultBus {
  static final String ADDRESS = "vigil.results";
  private static final String FROM = "from";

  private final EventBus bus;
  private final String self;
  private final String location;
  private final DeliveryOptions options;
  private final MessageConsumer<JsonObject> consumer;

  ResultBus(EventBus bus, String self, String location, Placer.Remote receiver) {
    this.bus = bus;
    this.self = self;
    this.location = location;
    this.options = new DeliveryOptions().addHeader(FROM, self);
    this.consumer = bus.<JsonObject>consumer(ADDRESS, m -> {
      if (!self.equals(m.headers().get(FROM))) {
        JsonObject o = m.body();
        receiver.accept(o.getString("probe"), o.getString("location"), decode(o));
      }
    });
  }

  /** Publishes one of this node's runs to every other node. Safe from any thread. */
  void publish(ProbeResult r) {
    bus.publish(ADDRESS, encode(r, location), options);
  }

  void close() {
    consumer.unregister();
  }

  static JsonObject encode(ProbeResult r, String location) {
    JsonObject o = new JsonObject().put("probe", r.probe()).put("location", location)
        .put("start", r.startedAtMillis()).put("duration_ns", r.durationNanos())
        .put("outcome", r.outcome().name()).put("status", r.httpStatus());
    if (r.reason() != null) {
      o.put("reason", r.reason().name()).put("message", r.message());
    }
    return o;
  }

  static ProbeResult decode(JsonObject o) {
    String reason = o.getString("reason");
    return new ProbeResult(o.getString("probe"), o.getLong("start"), o.getLong("duration_ns"),
        Outcome.valueOf(o.getString("outcome")), reason == null ? null : Reason.valueOf(reason),
        o.getString("message", ""), PhaseTimings.NONE, List.of(), o.getInteger("status"), 0, "", null, null);
  }
}
