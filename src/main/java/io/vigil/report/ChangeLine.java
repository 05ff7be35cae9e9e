package io.vigil.report;

import io.vigil.change.ChangeEvent;
import java.util.List;

/**
 * A change event of the report month and the incidents that name it as their suspected change.
 *
 * @param event as stored
 * @param incidents ids of the incidents that started within 30 minutes after it (and after no later change)
 */
public record ChangeLine(ChangeEvent event, List<String> incidents) {
  public ChangeLine {
    incidents = List.copyOf(incidents);
  }
}
