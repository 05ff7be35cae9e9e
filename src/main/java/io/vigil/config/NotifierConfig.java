package io.vigil.config;

import java.util.Map;

/**
 * A notification target from the service file.
 *
 * @param name referenced by alert rules
 * @param type webhook, slack, pagerduty or opsgenie
 * @param url webhook or Slack URL, Opsgenie API base (secret: may embed a token)
 * @param key PagerDuty routing key or Opsgenie API key
 * @param options further type-specific settings (channel, region, ...), plain text
 */
public record NotifierConfig(String name, Type type, Secret url, Secret key, Map<String, String> options) {
  public enum Type { WEBHOOK, SLACK, PAGERDUTY, OPSGENIE }
}
