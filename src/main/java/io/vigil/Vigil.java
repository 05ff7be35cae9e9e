package io.vigil;

/** Entry point of {@code target/vigil.jar}; see {@link io.vigil.cli.Vigil}. */
public final class Vigil {
  private Vigil() {}

  public static void main(String[] args) {
    io.vigil.cli.Vigil.main(args);
  }
}
