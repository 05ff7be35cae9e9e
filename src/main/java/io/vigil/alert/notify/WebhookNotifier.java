package io.vigil.alert.notify;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * POSTs notices in Alertmanager's webhook format, version 4, so that any Alertmanager receiver works: one alert
 * per message, grouped by alert name, boundary and severity. Labels: {@code alertname}, {@code boundary},
 * {@code kind}, {@code location}, {@code severity}, and {@code slo} for burn-rate alerts; annotations:
 * {@code summary}, {@code description}, {@code incident}, and when known {@code objective},
 * {@code budget_remaining} and {@code status_page}. A boundary's owner follows Alertmanager's conventions: label
 * {@code team}, annotation {@code runbook_url}, and annotations {@code primary}, {@code secondary},
 * {@code escalation} and {@code chat}, each when given. An incident that started soon after a change event names
 * it in annotations {@code suspected_change} ({@code deploy 1.4.2 at 2026-12-24 22:00 UTC}) and
 * {@code suspected_change_url} (the event's link, when it has one). A firing alert's {@code endsAt} is Go's zero time, as
 * Alertmanager sends it.
 */
public final class WebhookNotifier extends PostingNotifier {
  static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private final String url;

  /**
   * @param name the notifier's name (the {@code receiver})
   * @param url where to POST
   * @param publicUrl the status page's base URL ({@code externalURL}), possibly empty
   */
  public WebhookNotifier(String name, String url, String publicUrl, Poster poster) {
    super(name, publicUrl, poster);
    this.url = url;
  }

  @Override
  Post request(Notice n) {
    Map<String, String> labels = new TreeMap<>();
    labels.put("alertname", n.alert());
    labels.put("boundary", n.boundary());
    labels.put("kind", n.kind());
    labels.put("location", n.location());
    labels.put("severity", n.severity());
    if (n.slo() != null) {
      labels.put("slo", n.slo());
    }
    put(labels, "team", n.owner().team());
    Map<String, String> annotations = new TreeMap<>();
    annotations.put("summary", n.summary());
    annotations.put("description", n.description());
    annotations.put("incident", n.incident());
    put(annotations, "objective", n.objective());
    put(annotations, "budget_remaining", n.budgetRemainingText());
    put(annotations, "status_page", n.link(publicUrl));
    put(annotations, "runbook_url", n.owner().runbook());
    put(annotations, "primary", n.owner().primary());
    put(annotations, "secondary", n.owner().secondary());
    put(annotations, "escalation", n.owner().escalation());
    put(annotations, "chat", n.owner().chat());
    put(annotations, "suspected_change", n.suspectedChangeText());
    put(annotations, "suspected_change_url", n.suspectedChangeLink());
    JsonObject groupLabels = new JsonObject()
        .put("alertname", n.alert())
        .put("boundary", n.boundary())
        .put("severity", n.severity());
    String groupKey = "{}:{alertname=\"" + n.alert() + "\", boundary=\"" + n.boundary() + "\", severity=\""
        + n.severity() + "\"}";
    JsonObject alert = new JsonObject()
        .put("status", n.status().label())
        .put("labels", json(labels))
        .put("annotations", json(annotations))
        .put("startsAt", n.startsAt().toString())
        .put("endsAt", n.endsAt() == null ? ZERO_TIME : n.endsAt().toString())
        .put("generatorURL", n.link(publicUrl))
        .put("fingerprint", fingerprint(labels));
    JsonObject body = new JsonObject()
        .put("version", "4")
        .put("groupKey", groupKey)
        .put("truncatedAlerts", 0)
        .put("status", n.status().label())
        .put("receiver", name())
        .put("groupLabels", groupLabels)
        .put("commonLabels", json(labels))
        .put("commonAnnotations", json(annotations))
        .put("externalURL", publicUrl)
        .put("alerts", new JsonArray().add(alert));
    return new Post(url, Map.of(), body);
  }

  private static void put(Map<String, String> map, String key, String value) {
    if (value != null && !value.isEmpty()) {
      map.put(key, value);
    }
  }

  private static JsonObject json(Map<String, String> map) {
    JsonObject o = new JsonObject();
    map.forEach(o::put);
    return o;
  }

  /**
   * A label set's identity as 16 hex digits: 64-bit FNV-1a over the labels in name order, each name and value
   * followed by a 0xff byte (which never occurs in UTF-8), the way Alertmanager fingerprints alerts.
   */
  static String fingerprint(Map<String, String> sortedLabels) {
    long hash = 0xcbf29ce484222325L;
    for (Map.Entry<String, String> e : sortedLabels.entrySet()) {
      for (String part : new String[] {e.getKey(), e.getValue()}) {
        for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
          hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        hash = (hash ^ 0xff) * 0x100000001b3L;
      }
    }
    return String.format("%016x", hash);
  }
}
