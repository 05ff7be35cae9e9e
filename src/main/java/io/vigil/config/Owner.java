package io.vigil.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who owns a boundary (SPEC §9): carried into every notification, shown in the API and on the boundary's
 * page to admins (requests with the admin token); public views show the team only ({@link #teamOnly}). Every field is optional; an absent one is empty.
 *
 * @param team owning team ({@code payments}); the Alertmanager {@code team} label
 * @param primary first responder ({@code @kim})
 * @param secondary second responder
 * @param escalation escalation policy or rotation ({@code payments-oncall})
 * @param runbook http(s) URL of the runbook; the Alertmanager {@code runbook_url} annotation
 * @param chat where the team talks ({@code #payments})
 */
public record Owner(String team, String primary, String secondary, String escalation, String runbook,
    String chat) {

  public static final Owner NONE = new Owner("", "", "", "", "", "");

  public Owner {
    team = team == null ? "" : team;
    primary = primary == null ? "" : primary;
    secondary = secondary == null ? "" : secondary;
    escalation = escalation == null ? "" : escalation;
    runbook = runbook == null ? "" : runbook;
    chat = chat == null ? "" : chat;
  }

  /** What public views show of the owner: the team, nothing else. */
  public Owner teamOnly() {
    return new Owner(team, "", "", "", "", "");
  }

  public boolean isEmpty() {
    return equals(NONE);
  }

  /** The given fields by their config key: team, primary, secondary, escalation, chat, runbook. */
  public Map<String, String> fields() {
    Map<String, String> out = new LinkedHashMap<>();
    String[][] all = {{"team", team}, {"primary", primary}, {"secondary", secondary}, {"escalation", escalation},
        {"chat", chat}, {"runbook", runbook}};
    for (String[] f : all) {
      if (!f[1].isEmpty()) {
        out.put(f[0], f[1]);
      }
    }
    return out;
  }
}
