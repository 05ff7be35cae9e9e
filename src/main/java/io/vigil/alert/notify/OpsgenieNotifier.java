package io.vigil.alert.notify;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.config.Owner;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Sends notices to Opsgenie's Alert API: a firing notice (and each reminder) creates an alert whose
 * {@code alias} is the incident's id, so Opsgenie keeps one alert per Vigil incident; a resolved notice closes
 * it by that alias. Requests carry {@code Authorization: GenieKey <api key>}. Priority is P1 for pages and P3
 * for tickets unless the notifier sets one. The boundary's owner becomes {@code responders} (the team as
 * {@code {type: team, name}}, the escalation as {@code {type: escalation, name}}) and {@code details}
 * ({@code team}, {@code primary}, {@code secondary}, {@code escalation}, {@code chat}, {@code runbook}); the
 * runbook is linked in the description too. A suspected change goes into {@code details}
 * ({@code suspected_change}, {@code suspected_change_url}) and the description.
 */
public final class OpsgenieNotifier extends PostingNotifier {
  public static final String DEFAULT_URL = "https://api.opsgenie.com";
  /** Opsgenie's limits: message 130 characters, alias 512, description 15,000, tag 50. */
  private static final int MESSAGE = 130;
  private static final int ALIAS = 512;
  private static final int DESCRIPTION = 15_000;
  private static final int TAG = 50;

  private final String apiKey;
  private final String base;
  private final String priority;

  /**
   * @param apiKey the API integration's key (a secret)
   * @param url the API base ({@code https://api.eu.opsgenie.com} in the EU); empty for {@link #DEFAULT_URL}
   * @param priority P1 to P5 for every alert; {@code null} to follow the alert's severity
   * @param publicUrl the status page's base URL, possibly empty
   */
  public OpsgenieNotifier(String name, String apiKey, String url, String priority, String publicUrl,
      Poster poster) {
    super(name, publicUrl, poster);
    this.apiKey = apiKey;
    String b = url == null || url.isEmpty() ? DEFAULT_URL : url;
    this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    this.priority = priority;
  }

  @Override
  Post request(Notice n) {
    String alias = Texts.key(n.incident(), ALIAS);
    String source = "Vigil (" + n.location() + ")";
    Map<String, String> auth = Map.of("Authorization", "GenieKey " + apiKey);
    if (!n.firing()) {
      JsonObject close = new JsonObject()
          .put("source", source)
          .put("note", "Resolved after " + Texts.lasted(n) + ".");
      return new Post(base + "/v2/alerts/" + pathSegment(alias) + "/close?identifierType=alias", auth, close);
    }
    String link = n.link(publicUrl);
    JsonObject details = new JsonObject()
        .put("boundary", n.boundaryTitle())
        .put("alert", n.alert())
        .put("severity", n.severity())
        .put("location", n.location())
        .put("started", n.startsAt().toString());
    if (n.slo() != null) {
      details.put("slo", n.slo()).put("objective", n.objective());
    }
    if (!n.budgetRemainingText().isEmpty()) {
      details.put("budget_remaining", n.budgetRemainingText());
    }
    if (!link.isEmpty()) {
      details.put("status_page", link);
    }
    Owner o = n.owner();
    JsonArray responders = new JsonArray();
    if (!o.team().isEmpty()) {
      responders.add(new JsonObject().put("type", "team").put("name", o.team()));
    }
    if (!o.escalation().isEmpty()) {
      responders.add(new JsonObject().put("type", "escalation").put("name", o.escalation()));
    }
    o.fields().forEach(details::put);
    String change = n.suspectedChangeText();
    if (!change.isEmpty()) {
      details.put("suspected_change", change);
    }
    if (!n.suspectedChangeLink().isEmpty()) {
      details.put("suspected_change_url", n.suspectedChangeLink());
      change += " (" + n.suspectedChangeLink() + ")";
    }
    String owner = n.ownerText();
    JsonObject create = new JsonObject()
        .put("message", Texts.limit(n.summary(), MESSAGE))
        .put("alias", alias)
        .put("description", Texts.limit(n.description() + (owner.isEmpty() ? "" : "\n\nOwner: " + owner)
            + (o.runbook().isEmpty() ? "" : "\nRunbook: " + o.runbook())
            + (change.isEmpty() ? "" : "\nSuspected change: " + change)
            + (link.isEmpty() ? "" : "\n\nStatus page: " + link), DESCRIPTION))
        .put("priority", priority != null ? priority : n.severity().equals("page") ? "P1" : "P3")
        .put("source", source)
        .put("entity", n.boundary())
        .put("tags", new JsonArray().add("vigil")
            .add(Texts.limit("boundary:" + n.boundary(), TAG))
            .add("severity:" + n.severity())
            .add("kind:" + n.kind()))
        .put("details", details);
    if (!responders.isEmpty()) {
      create.put("responders", responders);
    }
    return new Post(base + "/v2/alerts", auth, create);
  }

  /** Percent-encodes everything but unreserved characters, so an alias is one path segment. */
  static String pathSegment(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return out.toString();
  }
}
