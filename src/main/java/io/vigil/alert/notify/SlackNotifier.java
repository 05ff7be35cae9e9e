package io.vigil.alert.notify;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * POSTs notices to a Slack incoming webhook as a short message: a header with the state and boundary, the
 * summary and description, fields for state, boundary, SLO, budget left, severity and since (or how long it
 * lasted), the boundary's owner (team, responders, escalation, chat) and runbook link when given, the suspected
 * change (linked when the event has a link) when the incident started soon after one, and a link to
 * the status page when {@code public_url} is set. {@code text} repeats the gist for
 * notifications and clients without blocks.
 */
public final class SlackNotifier extends PostingNotifier {
  /** Slack's limits: header 150 characters, section text 3,000, field text 2,000. */
  private static final int HEADER = 150;
  private static final int SECTION = 3_000;
  private static final int FIELD = 2_000;

  private final String webhookUrl;
  private final String channel;

  /**
   * @param webhookUrl the incoming webhook (a secret)
   * @param channel channel to post to instead of the webhook's own, or {@code null}
   * @param publicUrl the status page's base URL, possibly empty
   */
  public SlackNotifier(String name, String webhookUrl, String channel, String publicUrl, Poster poster) {
    super(name, publicUrl, poster);
    this.webhookUrl = webhookUrl;
    this.channel = channel;
  }

  @Override
  Post request(Notice n) {
    String state = Texts.state(n);
    String icon = n.firing() ? ":rotating_light:" : ":white_check_mark:";
    JsonArray fields = new JsonArray()
        .add(field("State", escape(state)))
        .add(field("Boundary", escape(n.boundaryTitle()) + " (`" + n.boundary() + "`)"));
    if (n.slo() != null) {
      fields.add(field("SLO", n.slo() + (n.objective() == null ? "" : ": " + escape(n.objective()))));
    }
    if (!n.budgetRemainingText().isEmpty()) {
      fields.add(field("Budget left", n.budgetRemainingText()));
    }
    fields.add(field("Severity", n.severity()));
    fields.add(n.firing() ? field("Since", Texts.time(n.startsAt())) : field("Lasted", Texts.lasted(n)));
    if (!n.ownerText().isEmpty()) {
      fields.add(field("Owner", escape(n.ownerText())));
    }
    if (!n.owner().runbook().isEmpty()) {
      fields.add(field("Runbook", "<" + n.owner().runbook() + "|" + escape(n.owner().runbook()) + ">"));
    }
    if (!n.suspectedChangeText().isEmpty()) {
      String change = escape(n.suspectedChangeText());
      fields.add(field("Suspected change", n.suspectedChangeLink().isEmpty() ? change
          : "<" + n.suspectedChangeLink() + "|" + change + ">"));
    }
    String link = n.link(publicUrl);
    String context = (link.isEmpty() ? "" : "<" + link + "|Status page> · ") + "Vigil at " + escape(n.location())
        + " · incident `" + n.incident() + "`";
    JsonArray blocks = new JsonArray()
        .add(new JsonObject().put("type", "header").put("text", new JsonObject()
            .put("type", "plain_text").put("text", Texts.limit(icon + " " + state + ": " + n.boundaryTitle(), HEADER))
            .put("emoji", true)))
        .add(new JsonObject().put("type", "section").put("text", mrkdwn(Texts.limit(
            "*" + escape(n.summary()) + "*\n" + escape(n.description()), SECTION))))
        .add(new JsonObject().put("type", "section").put("fields", fields))
        .add(new JsonObject().put("type", "context").put("elements", new JsonArray().add(mrkdwn(context))));
    JsonObject body = new JsonObject();
    if (channel != null && !channel.isEmpty()) {
      body.put("channel", channel);
    }
    body.put("text", escape(state + ": " + n.summary())).put("blocks", blocks);
    return new Post(webhookUrl, Map.of(), body);
  }

  private static JsonObject field(String title, String value) {
    return mrkdwn(Texts.limit("*" + title + "*\n" + value, FIELD));
  }

  private static JsonObject mrkdwn(String text) {
    return new JsonObject().put("type", "mrkdwn").put("text", text);
  }

  /** Slack reads &amp;, &lt; and &gt; as markup; everything from config or measurements is escaped. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
