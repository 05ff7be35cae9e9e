package io.vigil.alert.notify;

import io.vertx.core.json.JsonObject;
import io.vigil.change.ChangeEvent;
import io.vigil.config.Owner;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One message about one alert incident, in receiver-neutral terms: every notifier renders it in its own format.
 * It holds no secrets, so it may be stored in the outbox as it is ({@link #toJson()}).
 *
 * @param incident the incident's stable id ({@code <boundary>:<alert>:<severity>:<start millis>}); the same for
 *     every message of the incident, so receivers can group and deduplicate by it
 * @param status firing (the first message and reminders) or resolved
 * @param reminder 0 for the first firing message, n for the n-th reminder
 * @param boundary boundary name
 * @param boundaryTitle boundary display name
 * @param boundaryPublic whether the boundary is on the public status page
 * @param alert the alert rule's name
 * @param kind {@code burn_rate} or {@code down}
 * @param slo the SLO a burn-rate alert watches; {@code null} for down alerts
 * @param objective the SLO as text ({@code 99.9% over 30d}); {@code null} for down alerts
 * @param severity {@code page} or {@code ticket}
 * @param location where the Vigil that raised it runs
 * @param startsAt when the incident began
 * @param endsAt when it was resolved; {@code null} while firing
 * @param summary one line saying what is wrong
 * @param description what was measured, in a sentence or two
 * @param budgetRemaining share of the SLO's error budget left when the message was made (negative when
 *     overspent); {@code null} for down alerts or before anything was measured
 * @param owner the boundary's owner ({@link Owner#NONE} when it names none)
 * @param suspectedChange the change event the incident started within 30 minutes after
 *     ({@link io.vigil.change.ChangeEvents#suspect}); {@code null} when there is none
 */
public record Notice(String incident, Status status, int reminder, String boundary, String boundaryTitle,
    boolean boundaryPublic, String alert, String kind, String slo, String objective, String severity,
    String location, Instant startsAt, Instant endsAt, String summary, String description,
    BigDecimal budgetRemaining, Owner owner, ChangeEvent suspectedChange) {

  public Notice {
    owner = owner == null ? Owner.NONE : owner;
  }

  /** A notice without a suspected change. */
  public Notice(String incident, Status status, int reminder, String boundary, String boundaryTitle,
      boolean boundaryPublic, String alert, String kind, String slo, String objective, String severity,
      String location, Instant startsAt, Instant endsAt, String summary, String description,
      BigDecimal budgetRemaining, Owner owner) {
    this(incident, status, reminder, boundary, boundaryTitle, boundaryPublic, alert, kind, slo, objective, severity,
        location, startsAt, endsAt, summary, description, budgetRemaining, owner, null);
  }

  /** A notice of a boundary without an owner. */
  public Notice(String incident, Status status, int reminder, String boundary, String boundaryTitle,
      boolean boundaryPublic, String alert, String kind, String slo, String objective, String severity,
      String location, Instant startsAt, Instant endsAt, String summary, String description,
      BigDecimal budgetRemaining) {
    this(incident, status, reminder, boundary, boundaryTitle, boundaryPublic, alert, kind, slo, objective, severity,
        location, startsAt, endsAt, summary, description, budgetRemaining, Owner.NONE, null);
  }

  /** Firing or resolved, as receivers of the Alertmanager format spell it. */
  public enum Status {
    FIRING, RESOLVED;

    private final String label = name().toLowerCase(Locale.ROOT);

    public String label() {
      return label;
    }
  }

  public boolean firing() {
    return status == Status.FIRING;
  }

  /** The remaining budget as a percentage with one decimal ({@code 42.1%}); empty when unknown. */
  public String budgetRemainingText() {
    return budgetRemaining == null ? ""
        : budgetRemaining.movePointRight(2).setScale(1, RoundingMode.HALF_EVEN).toPlainString() + "%";
  }

  /**
   * Where readers learn more: the boundary's page when the boundary is public, else the status page itself;
   * empty when no public URL is configured.
   *
   * @param publicUrl the status page's base URL ({@code public_url}), possibly empty
   */
  public String link(String publicUrl) {
    if (publicUrl == null || publicUrl.isEmpty()) {
      return "";
    }
    String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    return boundaryPublic ? base + "/boundaries/" + boundary : base + "/";
  }

  /**
   * The owner in one line for text messages: {@code Team payments · primary @kim · secondary @lee · escalation
   * payments-oncall · chat #payments}; empty without an owner. The runbook is linked separately.
   */
  public String ownerText() {
    List<String> parts = new ArrayList<>();
    owner.fields().forEach((key, value) -> {
      if (!key.equals("runbook")) {
        addPart(parts, key, value);
      }
    });
    return String.join(" · ", parts);
  }

  /**
   * The suspected change in one line for text messages: {@code deploy 1.4.2 at 2026-12-24 22:00 UTC}; empty
   * without one. Its link, when it has one, is {@code suspectedChange().link()}.
   */
  public String suspectedChangeText() {
    return suspectedChange == null ? ""
        : suspectedChange.label() + " at " + Texts.time(Instant.ofEpochMilli(suspectedChange.atMillis()));
  }

  /** The link of the suspected change (a pipeline run, a pull request); empty without one. */
  public String suspectedChangeLink() {
    return suspectedChange == null ? "" : suspectedChange.link();
  }

  /** This notice naming {@code change} as its suspected change ({@code null} for none). */
  public Notice withSuspectedChange(ChangeEvent change) {
    return new Notice(incident, status, reminder, boundary, boundaryTitle, boundaryPublic, alert, kind, slo,
        objective, severity, location, startsAt, endsAt, summary, description, budgetRemaining, owner, change);
  }

  private static void addPart(List<String> parts, String label, String value) {
    if (!value.isEmpty()) {
      parts.add(label + " " + value);
    }
  }

  /** The stored form. */
  public String toJson() {
    JsonObject o = new JsonObject()
        .put("incident", incident)
        .put("status", status.label())
        .put("reminder", reminder)
        .put("boundary", boundary)
        .put("boundaryTitle", boundaryTitle)
        .put("boundaryPublic", boundaryPublic)
        .put("alert", alert)
        .put("kind", kind)
        .put("slo", slo)
        .put("objective", objective)
        .put("severity", severity)
        .put("location", location)
        .put("startsAt", startsAt.toString())
        .put("endsAt", endsAt == null ? null : endsAt.toString())
        .put("summary", summary)
        .put("description", description)
        .put("budgetRemaining", budgetRemaining == null ? null : budgetRemaining.toPlainString());
    if (!owner.isEmpty()) {
      o.put("owner", new JsonObject().put("team", owner.team()).put("primary", owner.primary())
          .put("secondary", owner.secondary()).put("escalation", owner.escalation()).put("runbook", owner.runbook())
          .put("chat", owner.chat()));
    }
    if (suspectedChange != null) {
      ChangeEvent e = suspectedChange;
      o.put("suspectedChange", new JsonObject().put("id", e.id()).put("boundary", e.boundary())
          .put("kind", e.kind()).put("version", e.version()).put("at", e.atMillis()).put("link", e.link()));
    }
    return o.encode();
  }

  /**
   * Reads the stored form.
   *
   * @throws IllegalArgumentException when the text is not a stored notice
   */
  public static Notice fromJson(String text) {
    try {
      JsonObject o = new JsonObject(text);
      String ends = o.getString("endsAt");
      String budget = o.getString("budgetRemaining");
      JsonObject w = o.getJsonObject("owner", new JsonObject());
      Owner owner = new Owner(w.getString("team"), w.getString("primary"), w.getString("secondary"),
          w.getString("escalation"), w.getString("runbook"), w.getString("chat"));
      JsonObject c = o.getJsonObject("suspectedChange");
      ChangeEvent change = c == null ? null : new ChangeEvent(c.getString("id"), c.getString("boundary"),
          c.getString("kind"), c.getString("version"), c.getLong("at"), c.getString("link"));
      return new Notice(o.getString("incident"), Status.valueOf(o.getString("status").toUpperCase(Locale.ROOT)),
          o.getInteger("reminder", 0), o.getString("boundary"), o.getString("boundaryTitle"),
          o.getBoolean("boundaryPublic", false), o.getString("alert"), o.getString("kind"), o.getString("slo"),
          o.getString("objective"), o.getString("severity"), o.getString("location"),
          Instant.parse(o.getString("startsAt")), ends == null ? null : Instant.parse(ends), o.getString("summary"),
          o.getString("description"), budget == null ? null : new BigDecimal(budget), owner, change);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a stored notice: " + e.getMessage(), e);
    }
  }

  /** This notice as a later message of the same incident. */
  public Notice next(Status status, int reminder, Instant endsAt, String description, BigDecimal budgetRemaining) {
    return new Notice(incident, status, reminder, boundary, boundaryTitle, boundaryPublic, alert, kind, slo,
        objective, severity, location, startsAt, endsAt, summary, description, budgetRemaining, owner,
        suspectedChange);
  }
}
