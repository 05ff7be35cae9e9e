package io.vigil.web.page;

import org.owasp.encoder.Encode;

/**
 * A flat two-part SVG badge in the common shields style: a grey label and a coloured value, with the text
 * also in {@code <title>} and {@code aria-label}. Text widths are estimated from the usual 11 px sans-serif
 * metrics, so no font needs to be present where the badge is rendered. Every text is XML-escaped.
 *
 * @param label left part
 * @param value right part
 * @param color value background, a CSS colour from {@link Color}
 */
record Badge(String label, String value, Color color) {
  /** Backgrounds chosen for at least 4.5:1 contrast with white text. */
  enum Color {
    GREEN("#1a7f37"), AMBER("#9a6700"), ORANGE("#bc4c00"), RED("#cf222e"), GREY("#59636e"), BLUE("#0969da");

    final String css;

    Color(String css) {
      this.css = css;
    }
  }

  private static final int PAD = 6;

  String svg() {
    int lw = width(label) + 2 * PAD;
    int vw = width(value) + 2 * PAD;
    int w = lw + vw;
    String l = Encode.forXmlContent(label);
    String v = Encode.forXmlContent(value);
    String aria = Encode.forXmlAttribute(label + ": " + value);
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"20\" role=\"img\" aria-label=\""
        + aria + "\"><title>" + l + ": " + v + "</title>"
        + "<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/>"
        + "<stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>"
        + "<clipPath id=\"r\"><rect width=\"" + w + "\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>"
        + "<g clip-path=\"url(#r)\"><rect width=\"" + lw + "\" height=\"20\" fill=\"#444d56\"/><rect x=\"" + lw
        + "\" width=\"" + vw + "\" height=\"20\" fill=\"" + color.css + "\"/><rect width=\"" + w
        + "\" height=\"20\" fill=\"url(#s)\"/></g>"
        + "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\""
        + " font-size=\"11\">"
        + text(lw / 2.0, l) + text(lw + vw / 2.0, v) + "</g></svg>";
  }

  private static String text(double x, String escaped) {
    String xs = x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    return "<text x=\"" + xs + "\" y=\"15\" fill=\"#010101\" fill-opacity=\".3\" aria-hidden=\"true\">" + escaped
        + "</text><text x=\"" + xs + "\" y=\"14\">" + escaped + "</text>";
  }

  /** Estimated advance of {@code s} in pixels at 11 px. */
  static int width(String s) {
    double w = 0;
    for (int i = 0; i < s.length(); i++) {
      w += advance(s.charAt(i));
    }
    return (int) Math.ceil(w);
  }

  private static double advance(char c) {
    if ("ijl|!.,:;'`".indexOf(c) >= 0) {
      return 3.2;
    }
    if ("frt()[]{} -/\\\"".indexOf(c) >= 0) {
      return 4.6;
    }
    if ("mwMW%@".indexOf(c) >= 0) {
      return 10.4;
    }
    if (Character.isUpperCase(c)) {
      return 7.6;
    }
    if (Character.isDigit(c)) {
      return 7.0;
    }
    return c < 128 ? 6.6 : 8.0;
  }
}
