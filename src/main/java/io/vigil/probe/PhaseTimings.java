package io.vigil.probe;

import java.util.Arrays;
import java.util.Locale;

/**
 * Nanosecond durations per {@link Phase}, immutable. A phase that did not happen is absent, not zero.
 * Phases of several hops (redirects, {@code addresses: all}) are summed.
 */
public final class PhaseTimings {
  private static final long ABSENT = -1;
  public static final PhaseTimings NONE = new PhaseTimings(new long[] {ABSENT, ABSENT, ABSENT, ABSENT, ABSENT});

  private final long[] nanos;

  private PhaseTimings(long[] nanos) {
    this.nanos = nanos;
  }

  public boolean has(Phase phase) {
    return nanos[phase.ordinal()] >= 0;
  }

  /** Duration of the phase in nanoseconds, or -1 when it did not happen. */
  public long nanos(Phase phase) {
    return nanos[phase.ordinal()];
  }

  public double seconds(Phase phase) {
    return has(phase) ? nanos(phase) / 1e9 : Double.NaN;
  }

  /** A copy with {@code phase} set to {@code value} nanoseconds (negative values are clamped to 0). */
  public PhaseTimings with(Phase phase, long value) {
    long[] copy = nanos.clone();
    copy[phase.ordinal()] = Math.max(0, value);
    return new PhaseTimings(copy);
  }

  /** Phase-wise sum; a phase present in either side is present in the sum. */
  public PhaseTimings plus(PhaseTimings other) {
    long[] sum = new long[nanos.length];
    for (int i = 0; i < sum.length; i++) {
      long a = nanos[i];
      long b = other.nanos[i];
      sum[i] = a < 0 && b < 0 ? ABSENT : Math.max(a, 0) + Math.max(b, 0);
    }
    return new PhaseTimings(sum);
  }

  /** Mutable accumulator for a run in progress; not thread-safe (a run lives on one event loop). */
  public static final class Builder {
    private final long[] nanos = NONE.nanos.clone();

    public Builder set(Phase phase, long value) {
      nanos[phase.ordinal()] = Math.max(0, value);
      return this;
    }

    public Builder add(Phase phase, long value) {
      int i = phase.ordinal();
      nanos[i] = Math.max(nanos[i], 0) + Math.max(0, value);
      return this;
    }

    public Builder add(PhaseTimings other) {
      for (Phase p : Phase.all()) {
        if (other.has(p)) {
          add(p, other.nanos(p));
        }
      }
      return this;
    }

    public PhaseTimings build() {
      return new PhaseTimings(nanos.clone());
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PhaseTimings p && Arrays.equals(nanos, p.nanos);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(nanos);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (Phase p : Phase.all()) {
      if (has(p)) {
        if (sb.length() > 1) {
          sb.append(", ");
        }
        sb.append(p.label()).append('=').append(String.format(Locale.ROOT, "%.3fms", nanos(p) / 1e6));
      }
    }
    return sb.append('}').toString();
  }
}
