package io.vigil.alert.notify;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * One HTTP POST with a JSON body, as a notifier renders a notice. Holds secrets (URLs, keys): never log it.
 *
 * @param url absolute URL
 * @param headers request headers besides {@code Content-Type: application/json}
 * @param body the JSON body
 */
public record Post(String url, Map<String, String> headers, JsonObject body) {}
