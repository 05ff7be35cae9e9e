package io.vigil.probe;

/**
 * The outcome of one assertion, readable on its own: {@code status: 503 not in [200-399]}.
 *
 * @param name the assertion ({@code status}, {@code body_matches}, {@code json $.status}, ...)
 * @param passed whether it held
 * @param detail what was seen against what was expected
 */
public record Check(String name, boolean passed, String detail) {
  public static Check pass(String name, String detail) {
    return new Check(name, true, detail);
  }

  public static Check fail(String name, String detail) {
    return new Check(name, false, detail);
  }

  @Override
  public String toString() {
    return (passed ? "ok   " : "FAIL ") + name + ": " + detail;
  }
}
