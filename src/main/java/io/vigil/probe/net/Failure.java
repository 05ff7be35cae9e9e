package io.vigil.probe.net;

import io.vigil.probe.Outcome;
import io.vigil.probe.Reason;
import io.vigil.probe.RunRecorder;

/**
 * Why a run stopped, as data: a bad or invalid outcome, exactly one reason, and one line for humans.
 *
 * @param outcome {@link Outcome#BAD} or {@link Outcome#INVALID}
 * @param reason the reason the run names
 * @param message what went wrong, free of secrets
 */
public record Failure(Outcome outcome, Reason reason, String message) {
  public Failure {
    if (outcome == Outcome.GOOD) {
      throw new IllegalArgumentException("a failure is bad or invalid");
    }
  }

  public static Failure bad(Reason reason, String message) {
    return new Failure(Outcome.BAD, reason, message);
  }

  public static Failure invalid(Reason reason, String message) {
    return new Failure(Outcome.INVALID, reason, message);
  }

  /** Records this failure unless the run already failed (the first failure wins). */
  public void recordInto(RunRecorder rec) {
    if (rec.failed()) {
      return;
    }
    if (outcome == Outcome.INVALID) {
      rec.invalid(reason, message);
    } else {
      rec.fail(reason, message);
    }
  }
}
