package io.vigil.web.page;

import java.util.Locale;
import org.owasp.encoder.Encode;

/**
 * Builds an HTML document. Markup is appended as trusted literals ({@link #raw}); every value, above all
 * strings from the configuration, goes through the encoder for its context: {@link #text} for element
 * content (HTML and inline SVG), {@link #attr} for quoted attribute values, {@link #path} for a URL path
 * segment.
 */
final class Html {
  private final StringBuilder out;

  Html(int capacity) {
    out = new StringBuilder(capacity);
  }

  Html raw(String markup) {
    out.append(markup);
    return this;
  }

  Html num(long n) {
    out.append(n);
    return this;
  }

  Html num(double n) {
    out.append(n == Math.rint(n) ? Long.toString((long) n) : String.format(Locale.ROOT, "%.2f", n));
    return this;
  }

  Html text(String value) {
    out.append(Encode.forHtmlContent(value));
    return this;
  }

  Html attr(String value) {
    out.append(Encode.forHtmlAttribute(value));
    return this;
  }

  /** A URL path segment (percent-encoded, so also safe inside a quoted attribute). */
  Html path(String segment) {
    out.append(Encode.forUriComponent(segment));
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
