package io.vigil.change;

import java.util.Objects;

/**
 * A change to a boundary, recorded by a pipeline through {@code POST /api/v1/events}.
 *
 * @param id unique id assigned when recorded
 * @param boundary the boundary changed
 * @param kind one of {@link ChangeEvents#KINDS}
 * @param version what was deployed or changed to; may be empty
 * @param atMillis when the change happened (epoch millis)
 * @param link http(s) URL of the change (a pipeline run, a pull request); may be empty
 */
public record ChangeEvent(String id, String boundary, String kind, String version, long atMillis, String link) {
  public ChangeEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(boundary, "boundary");
    Objects.requireNonNull(kind, "kind");
    version = version == null ? "" : version;
    link = link == null ? "" : link;
  }

  /** {@code deploy 1.4.2} or just {@code deploy}: how pages and reports name the change. */
  public String label() {
    return version.isEmpty() ? kind : kind + " " + version;
  }
}
