package io.vigil.alert.notify;

import io.vertx.core.Vertx;
import io.vigil.config.NotifierConfig;

/** Builds notifiers from the service file: the one place that dispatches on notifier type. */
public final class Notifiers {
  private Notifiers() {}

  /**
   * @param config the notifier's settings
   * @param publicUrl the status page's base URL for links, possibly empty
   * @param poster sends the rendered requests (its timeout and redactor serve email too)
   * @param vertx runs email's blocking sends on worker threads
   */
  public static Notifier create(NotifierConfig config, String publicUrl, Poster poster, Vertx vertx) {
    String url = config.url().reveal();
    return switch (config.type()) {
      case WEBHOOK -> new WebhookNotifier(config.name(), url, publicUrl, poster);
      case SLACK -> new SlackNotifier(config.name(), url, config.options().get("channel"), publicUrl, poster);
      case PAGERDUTY -> new PagerDutyNotifier(config.name(), config.key().reveal(), url,
          config.options().get("severity"), publicUrl, poster);
      case OPSGENIE -> new OpsgenieNotifier(config.name(), config.key().reveal(), url,
          config.options().get("priority"), publicUrl, poster);
      case EMAIL -> new EmailNotifier(config.name(), EmailNotifier.Settings.of(config.options()),
          config.key().reveal(), publicUrl, vertx, poster.timeout(), poster.redactor());
    };
  }
}
