package io.vigil.alert.notify;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.config.Owner;
import java.util.Map;

/**
 * Sends notices to PagerDuty's Events API v2: a firing notice (and each reminder) is a {@code trigger}, a
 * resolved one a {@code resolve}, all with the incident's id as {@code dedup_key}, so PagerDuty opens one
 * incident per Vigil incident however often a message is repeated. Severity is {@code critical} for pages and
 * {@code warning} for tickets unless the notifier sets one. The boundary's owner goes into {@code custom_details}
 * ({@code team}, {@code primary}, {@code secondary}, {@code escalation}, {@code chat}, {@code runbook}) and the
 * runbook into {@code links}; a suspected change into {@code custom_details} ({@code suspected_change},
 * {@code suspected_change_url}) and, when it has a link, {@code links}.
 */
public final class PagerDutyNotifier extends PostingNotifier {
  public static final String DEFAULT_URL = "https://events.pagerduty.com/v2/enqueue";
  /** PagerDuty's limits: dedup_key 255 characters, summary 1,024. */
  private static final int DEDUP_KEY = 255;
  private static final int SUMMARY = 1_024;

  private final String routingKey;
  private final String url;
  private final String severity;

  /**
   * @param routingKey the integration's routing key (a secret)
   * @param url the Events API endpoint; empty for {@link #DEFAULT_URL}
   * @param severity critical, error, warning or info for every event; {@code null} to follow the alert
   * @param publicUrl the status page's base URL, possibly empty
   */
  public PagerDutyNotifier(String name, String routingKey, String url, String severity, String publicUrl,
      Poster poster) {
    super(name, publicUrl, poster);
    this.routingKey = routingKey;
    this.url = url == null || url.isEmpty() ? DEFAULT_URL : url;
    this.severity = severity;
  }

  @Override
  Post request(Notice n) {
    JsonObject body = new JsonObject()
        .put("routing_key", routingKey)
        .put("event_action", n.firing() ? "trigger" : "resolve")
        .put("dedup_key", Texts.key(n.incident(), DEDUP_KEY));
    if (n.firing()) {
      JsonObject details = new JsonObject()
          .put("description", n.description())
          .put("boundary", n.boundaryTitle())
          .put("alert", n.alert())
          .put("severity", n.severity())
          .put("incident", n.incident());
      if (n.slo() != null) {
        details.put("slo", n.slo()).put("objective", n.objective());
      }
      if (!n.budgetRemainingText().isEmpty()) {
        details.put("budget_remaining", n.budgetRemainingText());
      }
      if (n.reminder() > 0) {
        details.put("reminder", n.reminder());
      }
      Owner o = n.owner();
      o.fields().forEach(details::put);
      if (!n.suspectedChangeText().isEmpty()) {
        details.put("suspected_change", n.suspectedChangeText());
      }
      if (!n.suspectedChangeLink().isEmpty()) {
        details.put("suspected_change_url", n.suspectedChangeLink());
      }
      body.put("payload", new JsonObject()
          .put("summary", Texts.limit(n.summary(), SUMMARY))
          .put("source", "vigil@" + n.location())
          .put("severity", severity != null ? severity : n.severity().equals("page") ? "critical" : "warning")
          .put("timestamp", n.startsAt().toString())
          .put("component", n.boundary())
          .put("group", n.boundary())
          .put("class", n.kind())
          .put("custom_details", details));
      body.put("client", "Vigil");
      String link = n.link(publicUrl);
      JsonArray links = new JsonArray();
      if (!link.isEmpty()) {
        body.put("client_url", link);
        links.add(new JsonObject().put("href", link).put("text", "Status page"));
      }
      if (!o.runbook().isEmpty()) {
        links.add(new JsonObject().put("href", o.runbook()).put("text", "Runbook"));
      }
      if (!n.suspectedChangeLink().isEmpty()) {
        links.add(new JsonObject().put("href", n.suspectedChangeLink()).put("text", "Suspected change"));
      }
      if (!links.isEmpty()) {
        body.put("links", links);
      }
    }
    return new Post(url, Map.of(), body);
  }
}
