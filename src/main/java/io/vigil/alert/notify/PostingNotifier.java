package io.vigil.alert.notify;

import io.vertx.core.Future;

/**
 * What every notifier shares: a name, the status page's base URL for links, and a {@link Poster} that sends
 * the one HTTP request a notice becomes. Subclasses only say what that request is.
 */
abstract class PostingNotifier implements Notifier {
  private final String name;
  private final Poster poster;
  /** The status page's base URL, possibly empty. */
  final String publicUrl;

  PostingNotifier(String name, String publicUrl, Poster poster) {
    this.name = name;
    this.publicUrl = publicUrl;
    this.poster = poster;
  }

  /** The request that delivers {@code notice}. */
  abstract Post request(Notice notice);

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Future<Void> send(Notice notice) {
    return poster.post(request(notice));
  }
}
