package io.vigil.config;

import java.util.Map;

/**
 * A notification target from the service file.
 *
 * @param name referenced by alert rules
 * @param type webhook, slack, pagerduty, opsgenie or email
 * @param url webhook URL ({@code url}), Slack URL ({@code webhook_url}), or, when given, the PagerDuty
 *     Events API endpoint or Opsgenie API base ({@code url}; empty means the public default) (secret: may
 *     embed a token)
 * @param key PagerDuty routing key, Opsgenie API key, or the SMTP password of an email notifier
 * @param options further type-specific settings, plain text: Slack {@code channel}, PagerDuty
 *     {@code severity} (critical, error, warning, info), Opsgenie {@code priority} (P1 to P5); email
 *     {@code host}, {@code port}, {@code from}, {@code to} (addresses joined by ", "), {@code username},
 *     {@code starttls} (required, optional, off), {@code tls} (true for SMTPS), every one set, and when given
 *     {@code ca_file} (absolute path of a PEM bundle to trust instead of the JVM's trust store)
 */
public record NotifierConfig(String name, Type type, Secret url, Secret key, Map<String, String> options) {
  public enum Type { WEBHOOK, SLACK, PAGERDUTY, OPSGENIE, EMAIL }
}
