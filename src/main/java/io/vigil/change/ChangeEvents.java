package io.vigil.change;

import io.vertx.core.json.JsonObject;
import io.vigil.incident.Incident;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The rules of change events: what a valid event is, and which event an incident names as its suspected change.
 *
 * <p>Suspected change: the latest event of the incident's boundary at or before the incident's start (its first
 * failing run) and no more than {@link #SUSPECT_WINDOW} before it. Both edges count: an incident that starts in
 * the same millisecond as the event, or exactly 30 minutes after it, names it; one that starts a millisecond
 * before the event or a millisecond after the 30 minutes does not.
 */
public final class ChangeEvents {
  /** The kinds of change; a small fixed set, since {@code kind} is a metric label. */
  public static final List<String> KINDS = List.of("deploy", "config", "rollback", "other");
  /** How long after a change an incident that starts is suspected to come from it (inclusive). */
  public static final Duration SUSPECT_WINDOW = Duration.ofMinutes(30);
  /** How far ahead of now an event's {@code at} may lie (clocks of pipelines and Vigil differ a little). */
  public static final Duration MAX_AHEAD = Duration.ofMinutes(5);
  /** Longest {@code version}, characters. */
  public static final int MAX_VERSION = 128;
  /** Longest {@code link}, characters. */
  public static final int MAX_LINK = 2048;
  private static final Set<String> FIELDS = Set.of("boundary", "kind", "version", "at", "link");

  private ChangeEvents() {}

  /** A request body that is not a valid event; {@link #errors()} has one message per bad field. */
  public static final class Invalid extends Exception {
    private final List<String> errors;

    public Invalid(List<String> errors) {
      super(String.join("; ", errors));
      this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
      return errors;
    }
  }

  /**
   * The event a request body describes, with a new id. {@code at} defaults to {@code now}.
   *
   * @param boundaryExists whether a boundary of that name is configured
   * @throws Invalid with a message per bad field ({@code field: what is wrong}), in field order
   */
  public static ChangeEvent parse(JsonObject body, Predicate<String> boundaryExists, Instant now) throws Invalid {
    List<String> errors = new ArrayList<>();
    body.fieldNames().stream().filter(f -> !FIELDS.contains(f)).sorted().forEach(f ->
        errors.add(f + ": unknown field (expected boundary, kind, version, at, link)"));
    String boundary = text(body, "boundary", errors);
    if (boundary != null && boundary.isEmpty()) {
      errors.add("boundary: required");
    } else if (boundary != null && !boundaryExists.test(boundary)) {
      errors.add("boundary: no boundary named '" + boundary + "'");
    }
    String kind = text(body, "kind", errors);
    if (kind != null && !KINDS.contains(kind)) {
      errors.add("kind: expected one of " + String.join(", ", KINDS) + ", got '" + kind + "'");
    }
    String version = text(body, "version", errors);
    if (version != null && (version.length() > MAX_VERSION || version.chars().anyMatch(Character::isISOControl))) {
      errors.add("version: at most " + MAX_VERSION + " characters, no control characters");
    }
    String at = text(body, "at", errors);
    Instant when = now;
    if (at != null && !at.isEmpty()) {
      try {
        when = OffsetDateTime.parse(at).toInstant();
        if (when.isAfter(now.plus(MAX_AHEAD))) {
          errors.add("at: " + at + " lies in the future (more than " + MAX_AHEAD.toMinutes() + " minutes ahead)");
        }
      } catch (DateTimeParseException e) {
        errors.add("at: expected an ISO-8601 time with offset like 2026-12-24T22:00:00Z, got '" + at + "'");
      }
    }
    String link = text(body, "link", errors);
    if (link != null && !link.isEmpty()) {
      String problem = linkProblem(link);
      if (problem != null) {
        errors.add("link: " + problem);
      }
    }
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
    return new ChangeEvent(UUID.randomUUID().toString(), boundary, kind, version, when.toEpochMilli(), link);
  }

  /** Why {@code link} is not an absolute http(s) URL with a host, or {@code null} when it is one. */
  public static String linkProblem(String link) {
    if (link.length() > MAX_LINK) {
      return "at most " + MAX_LINK + " characters";
    }
    try {
      URI uri = new URI(link);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        return "expected an absolute http:// or https:// URL with a host, got '" + link + "'";
      }
      return null;
    } catch (URISyntaxException e) {
      return "expected an absolute http:// or https:// URL, got '" + link + "' (" + e.getReason() + ")";
    }
  }

  /**
   * A field's text: {@code ""} when absent or null; {@code null} (and an error) when it is not a string. The
   * required fields {@code boundary} and {@code kind} add an error when absent.
   */
  private static String text(JsonObject body, String field, List<String> errors) {
    Object v = body.getValue(field);
    boolean required = field.equals("boundary") || field.equals("kind");
    if (v == null) {
      if (required) {
        errors.add(field + ": required");
        return null;
      }
      return "";
    }
    if (!(v instanceof String s)) {
      errors.add(field + ": expected a string");
      return null;
    }
    return s.trim();
  }

  /** Whether an incident starting at {@code startMillis} falls in the suspect window of {@code e}. */
  public static boolean suspects(ChangeEvent e, long startMillis) {
    return startMillis >= e.atMillis() && startMillis - e.atMillis() <= SUSPECT_WINDOW.toMillis();
  }

  /** The suspected change of {@code incident} among {@code events} (any order, any boundary). */
  public static Optional<ChangeEvent> suspect(Incident incident, List<ChangeEvent> events) {
    return suspect(incident.boundary(), incident.startMillis(), events);
  }

  /** The suspected change of an incident of {@code boundary} that starts at {@code startMillis}. */
  public static Optional<ChangeEvent> suspect(String boundary, long startMillis, List<ChangeEvent> events) {
    ChangeEvent best = null;
    for (ChangeEvent e : events) {
      if (e.boundary().equals(boundary) && suspects(e, startMillis)
          && (best == null || e.atMillis() > best.atMillis()
              || e.atMillis() == best.atMillis() && e.id().compareTo(best.id()) > 0)) {
        best = e;
      }
    }
    return Optional.ofNullable(best);
  }
}
