package io.vigil.store;

/**
 * An alert incident as stored, so that an alert firing when Vigil stops is still firing (and is not announced
 * again) when it starts.
 *
 * @param incident the incident's unique id
 * @param alertKey which alert it is an incident of (the alerting code's key for a rule and severity)
 * @param startedMillis when the incident began
 * @param resolvedMillis when it was resolved; 0 while firing
 * @param state the alerting code's own state of the incident, as text the store does not read
 */
public record AlertRecord(String incident, String alertKey, long startedMillis, long resolvedMillis, String state) {
  public boolean firing() {
    return resolvedMillis == 0;
  }
}
