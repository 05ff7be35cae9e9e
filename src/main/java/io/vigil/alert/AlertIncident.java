package io.vigil.alert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.alert.notify.Notice;
import java.util.List;

/**
 * A firing alert incident: what was announced and to whom, so that its reminders and its resolution go to the
 * same notifiers and it survives a restart (stored as {@link #toJson()}).
 *
 * @param alertKey the alert it belongs to ({@code <boundary>:<alert>:<severity>})
 * @param notice the firing notice as first sent
 * @param notifiers the notifiers it was announced to
 * @param reminders reminders sent so far
 * @param lastNotifiedMillis when the last message (first or reminder) was made
 * @param causedBy the upstream boundaries ({@code depends_on}) that were down when it fired; empty when none was
 * @param held whether its messages are held for those upstreams: nothing has been sent yet
 */
record AlertIncident(String alertKey, Notice notice, List<String> notifiers, int reminders,
    long lastNotifiedMillis, List<String> causedBy, boolean held) {

  AlertIncident {
    notifiers = List.copyOf(notifiers);
    causedBy = List.copyOf(causedBy);
  }

  AlertIncident(String alertKey, Notice notice, List<String> notifiers, int reminders, long lastNotifiedMillis) {
    this(alertKey, notice, notifiers, reminders, lastNotifiedMillis, List.of(), false);
  }

  String id() {
    return notice.incident();
  }

  long startedMillis() {
    return notice.startsAt().toEpochMilli();
  }

  AlertIncident reminded(long atMillis) {
    return new AlertIncident(alertKey, notice, notifiers, reminders + 1, atMillis, causedBy, held);
  }

  /** The hold ended at {@code atMillis}: {@code announced} is the first message actually sent. */
  AlertIncident released(Notice announced, long atMillis) {
    return new AlertIncident(alertKey, announced, notifiers, 0, atMillis, causedBy, false);
  }

  String toJson() {
    return new JsonObject()
        .put("alertKey", alertKey)
        .put("notice", new JsonObject(notice.toJson()))
        .put("notifiers", new JsonArray(notifiers))
        .put("reminders", reminders)
        .put("lastNotifiedMillis", lastNotifiedMillis)
        .put("causedBy", new JsonArray(causedBy))
        .put("held", held)
        .encode();
  }

  /** @throws IllegalArgumentException when the text is not a stored incident */
  static AlertIncident fromJson(String text) {
    try {
      JsonObject o = new JsonObject(text);
      List<String> notifiers = o.getJsonArray("notifiers").stream().map(String::valueOf).toList();
      List<String> causedBy = o.getJsonArray("causedBy", new JsonArray()).stream().map(String::valueOf).toList();
      return new AlertIncident(o.getString("alertKey"), Notice.fromJson(o.getJsonObject("notice").encode()),
          notifiers, o.getInteger("reminders"), o.getLong("lastNotifiedMillis"), causedBy,
          o.getBoolean("held", false));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a stored alert incident: " + e.getMessage(), e);
    }
  }
}
