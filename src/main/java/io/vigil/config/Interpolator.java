package io.vigil.config;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Substitutes {@code ${VAR}} and {@code ${VAR:-default}} from the environment in a scalar's text;
 * {@code $$} is a literal {@code $}, and a {@code $} before anything else stays as it is. Values taken
 * from the environment are secrets; defaults are written in the file and are not. As in a shell, the
 * default applies when the variable is unset or empty.
 */
final class Interpolator {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Map<String, String> env;
  private final BindContext ctx;

  Interpolator(Map<String, String> env, BindContext ctx) {
    this.env = env;
    this.ctx = ctx;
  }

  /** The text with every reference substituted, or {@code null} when one could not be (reported). */
  String apply(String text, Node.Pos pos) {
    if (text.indexOf('$') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
      if (c != '$' || (next != '$' && next != '{')) {
        out.append(c);
        i++;
        continue;
      }
      if (next == '$') {
        out.append('$');
        i += 2;
        continue;
      }
      int close = text.indexOf('}', i + 2);
      if (close < 0) {
        ctx.error(pos, "'${' is not closed by '}' (write $$ for a literal $)");
        return null;
      }
      String value = resolve(text.substring(i + 2, close), pos);
      if (value == null) {
        return null;
      }
      out.append(value);
      i = close + 1;
    }
    return out.toString();
  }

  private String resolve(String reference, Node.Pos pos) {
    int sep = reference.indexOf(":-");
    String name = sep < 0 ? reference : reference.substring(0, sep);
    if (!NAME.matcher(name).matches()) {
      ctx.error(pos, "'${" + reference + "}' is not a variable reference: a name is letters, digits and _"
          + " (write $$ for a literal $)");
      return null;
    }
    String value = env.get(name);
    if (sep >= 0 && (value == null || value.isEmpty())) {
      return reference.substring(sep + 2);
    }
    if (value == null) {
      ctx.error(pos, "environment variable " + name + " is not set (write ${" + name
          + ":-default} to give a default)");
      return null;
    }
    ctx.secret(value);
    return value;
  }
}
