package io.vigil.alert.notify;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.codec.BodyCodec;
import io.vigil.config.BasicAuth;
import io.vigil.config.Durations;
import io.vigil.config.Redactor;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends {@link Post}s with Vert.x Web Client: one attempt each, bounded by a timeout over the whole exchange.
 * Failures become {@link DeliveryException}s whose text names the status and the start of the answer, or the
 * network error, with the request's URL and every configured secret removed.
 */
public final class Poster {
  /** Bytes of an error answer kept for the failure message. */
  static final int KEPT_ANSWER = 300;

  private final WebClient client;
  private final Duration timeout;
  private final Redactor redactor;

  /**
   * @param client shared client (the caller closes it)
   * @param timeout longest an attempt may take, connecting included
   * @param redactor removes configured secrets from failure messages
   */
  public Poster(WebClient client, Duration timeout, Redactor redactor) {
    this.client = client;
    this.timeout = timeout;
    this.redactor = redactor;
  }

  Duration timeout() {
    return timeout;
  }

  Redactor redactor() {
    return redactor;
  }

  /** Options for the client notifiers share: {@code User-Agent: Vigil}, no redirects, a connect timeout. */
  public static WebClientOptions clientOptions(Duration connectTimeout) {
    return new WebClientOptions()
        .setUserAgent("Vigil")
        .setFollowRedirects(false)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
  }

  /**
   * Posts once; succeeds on a 2xx answer. Never throws. Credentials in the URL ({@code https://user:pw@host/})
   * are sent as basic auth, not as part of the URL.
   */
  public Future<Void> post(Post post) {
    CappedBody answer = new CappedBody(KEPT_ANSWER);
    Future<HttpResponse<Void>> sent;
    try {
      String credentials = BasicAuth.fromUrl(post.url());
      HttpRequest<Buffer> request = client.postAbs(BasicAuth.withoutUserInfo(post.url()))
          .timeout(timeout.toMillis())
          .putHeader("Content-Type", "application/json");
      if (credentials != null) {
        request.putHeader("Authorization", "Basic " + credentials);
      }
      post.headers().forEach(request::putHeader);
      // the request's own timeout fires when no data comes for that long; the future's bounds the whole attempt
      sent = request.as(BodyCodec.pipe(answer, false)).sendBuffer(Buffer.buffer(post.body().encode()))
          .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      sent = Future.failedFuture(e);
    }
    return sent.transform(ar -> {
      if (ar.failed()) {
        return Future.failedFuture(new DeliveryException(clean(post.url(), describe(ar.cause()))));
      }
      int status = ar.result().statusCode();
      if (status >= 200 && status < 300) {
        return Future.succeededFuture();
      }
      String text = answer.text();
      return Future.failedFuture(new DeliveryException(clean(post.url(), "HTTP " + status
          + (text.isEmpty() ? "" : ": " + text))));
    });
  }

  private String describe(Throwable e) {
    if (e instanceof TimeoutException || e.getClass().getSimpleName().contains("Timeout")) {
      return "no answer within " + Durations.format(timeout);
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof ConnectException) {
      return "cannot connect: " + root.getMessage();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** The text without the URL (whose path may be the secret, as with Slack), its path, or any secret. */
  private String clean(String url, String text) {
    String out = text.replace(url, Redactor.MARK);
    try {
      out = out.replace(BasicAuth.withoutUserInfo(url), Redactor.MARK);
    } catch (IllegalArgumentException ignored) {
      // not a URI: nothing more to take out
    }
    try {
      String path = URI.create(url).getRawPath();
      if (path != null && path.length() > 1) {
        out = out.replace(path, Redactor.MARK);
      }
    } catch (IllegalArgumentException ignored) {
      // not a URI: the whole URL is already gone
    }
    return redactor.redact(out);
  }
}
