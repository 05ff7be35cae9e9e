package io.vigil.probe;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bounds the work regular expressions may do on text a target sent. Java's regex engine backtracks, so a
 * pattern such as {@code ^(a+)+b} or even {@code .*x} takes exponential or quadratic time on hostile or merely
 * large text, and probes judge on an event loop. Every character the engine reads is one step. One search may
 * take {@value #BASE} steps plus {@value #PER_CHAR} per character of its text (a plain search reads each
 * character about once), and all searches of a run together the budget given at construction; a search that
 * needs more gives up ({@link #exhausted()}), and the caller fails its check with {@link #GAVE_UP} instead of
 * stalling the loop: a few milliseconds for hostile text of some kilobytes. Recursion too deep for
 * the stack (long alternations) gives up too. One budget per run; not thread-safe.
 */
public final class RegexBudget {
  /** Steps every search may take, however short its text. */
  public static final long BASE = 250_000L;
  /** Further steps a search may take per character of its text. */
  public static final long PER_CHAR = 2;
  /** The detail of a check whose search gave up. */
  public static final String GAVE_UP = "gave up: the pattern backtracks too much on this text";

  /** Thrown inside the engine when the budget is spent; unwinds the match without a stack trace. */
  private static final class Spent extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Spent() {
      super(null, null, false, false);
    }
  }

  private static final Spent SPENT = new Spent();

  /**
   * Where a search matched.
   *
   * @param start index of the first character matched
   * @param end index after the last character matched
   * @param text the matched text
   */
  public record Found(int start, int end, String text) {}

  private long left;
  private long searchLeft;
  private boolean exhausted;

  /** @param steps what every search of the run may take together */
  public RegexBudget(long steps) {
    this.left = steps;
  }

  /** A budget for a run whose searches read text of up to {@code chars} characters, each several times. */
  public static RegexBudget forText(long chars) {
    return new RegexBudget(BASE + 2 * PER_CHAR * chars);
  }

  /** Whether a search gave up; every later search gives up at once. */
  public boolean exhausted() {
    return exhausted;
  }

  /** The first match of {@code pattern} in {@code text}; {@code null} when there is none or the search gave up. */
  public Found find(Pattern pattern, CharSequence text) {
    if (exhausted) {
      return null;
    }
    begin(text);
    try {
      Matcher m = pattern.matcher(new Counted(text));
      return m.find() ? new Found(m.start(), m.end(), m.group()) : null;
    } catch (Spent | StackOverflowError e) {
      exhausted = true;
      return null;
    } finally {
      end();
    }
  }

  /** Whether {@code pattern} matches the whole {@code text}; {@code false} also when the search gave up. */
  public boolean matches(Pattern pattern, CharSequence text) {
    if (exhausted) {
      return false;
    }
    begin(text);
    try {
      return pattern.matcher(new Counted(text)).matches();
    } catch (Spent | StackOverflowError e) {
      exhausted = true;
      return false;
    } finally {
      end();
    }
  }

  private void begin(CharSequence text) {
    long cap = Math.min(left, BASE + PER_CHAR * text.length());
    left -= cap;
    searchLeft = cap;
  }

  private void end() {
    left += Math.max(0, searchLeft);
    searchLeft = 0;
  }

  /** The text as the engine reads it: each character read is one step. */
  private final class Counted implements CharSequence {
    private final CharSequence text;

    Counted(CharSequence text) {
      this.text = text;
    }

    @Override
    public char charAt(int index) {
      if (--searchLeft < 0) {
        throw SPENT;
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.subSequence(start, end);
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }
}
