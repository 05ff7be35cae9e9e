package io.vigil.alert;

import io.vigil.alert.notify.Notice;

/**
 * An alert incident fired, was repeated, or resolved: the message to send to each of the incident's notifiers.
 *
 * @param incident the incident as it stands after this step
 * @param notice the message
 * @param message unique within the incident: {@code firing}, {@code reminder-<n>} or {@code resolved}
 * @param resolvedMillis when it was resolved; 0 unless this is the resolution
 * @param held whether the message is held for an upstream ({@code depends_on}): the incident is stored, nothing
 *     is sent
 */
record Transition(AlertIncident incident, Notice notice, String message, long resolvedMillis, boolean held) {
  Transition(AlertIncident incident, Notice notice, String message, long resolvedMillis) {
    this(incident, notice, message, resolvedMillis, false);
  }
}
