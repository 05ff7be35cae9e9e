package io.vigil.config;

import java.util.Map;

/**
 * A notification target from the service file.
 *
 * @param name referenced by alert rules
 * @param type webhook, slack, pagerduty or opsgenie
 * @param url webhook URL ({@code url}), Slack URL ({@code webhook_url}), or, when given, the PagerDuty
 *     Events API endpoint or Opsgenie API base ({@code url}; empty means the public default) (secret: may
 *     embed a token)
 * @param key PagerDuty routing key or Opsgenie API key
 * @param options further type-specific settings, plain text: Slack {@code channel}, PagerDuty
 *     {@code severity} (critical, error, warning, info), Opsgenie {@code priority} (P1 to P5)
 */
public record NotifierConfig(String name, Type type, Secret url, Secret key, Map<String, String> options) {
  public enum Type { WEBHOOK, SLACK, PAGERDUTY, OPSGENIE }
}
