package io.vigil.store;

import io.vigil.probe.Outcome;
import io.vigil.probe.Reason;
import java.util.List;

/**
 * Packs a result's outcome, reason, HTTP status and stall flag into one integer column: bits 0–1 the outcome,
 * bits 2–6 the reason (0 = none), bits 7–22 the status, bit 23 set when the prober stalled during the run. A good run without a status packs to 0, which SQLite
 * stores in zero bytes; a good HTTP 200 takes two. The codes below are part of the file format: never
 * reorder them, only append.
 */
final class ResultCode {
  private static final List<Outcome> OUTCOMES = List.of(Outcome.GOOD, Outcome.BAD, Outcome.INVALID);
  private static final List<Reason> REASONS = List.of(Reason.DNS, Reason.CONNECT, Reason.TLS, Reason.CERT,
      Reason.TIMEOUT, Reason.STATUS, Reason.BODY, Reason.HEADER, Reason.JSON, Reason.DURATION, Reason.RCODE,
      Reason.ANSWER, Reason.EXPECT, Reason.PROTOCOL, Reason.TOO_LARGE, Reason.PROBER_NETWORK);
  private static final int MAX_STATUS = 0xFFFF;
  private static final int STALLED = 1 << 23;

  static {
    if (REASONS.size() != Reason.values().length || REASONS.size() > 31) {
      throw new IllegalStateException("every Reason needs a storage code in ResultCode");
    }
  }

  private ResultCode() {}

  static int pack(Outcome outcome, Reason reason, int httpStatus) {
    return pack(outcome, reason, httpStatus, false);
  }

  static int pack(Outcome outcome, Reason reason, int httpStatus, boolean stalled) {
    int status = httpStatus < 0 || httpStatus > MAX_STATUS ? 0 : httpStatus;
    int reasonCode = reason == null ? 0 : REASONS.indexOf(reason) + 1;
    return (stalled ? STALLED : 0) | status << 7 | reasonCode << 2 | OUTCOMES.indexOf(outcome);
  }

  static int pack(StoredResult r) {
    return pack(r.outcome(), r.reason(), r.httpStatus(), r.stalled());
  }

  static Outcome outcome(int code) {
    int i = code & 0x3;
    return i < OUTCOMES.size() ? OUTCOMES.get(i) : Outcome.INVALID;
  }

  /** The reason, or {@code null} for none (or for a code this Vigil does not know). */
  static Reason reason(int code) {
    int i = (code >>> 2) & 0x1F;
    return i == 0 || i > REASONS.size() ? null : REASONS.get(i - 1);
  }

  static int httpStatus(int code) {
    return (code >>> 7) & MAX_STATUS;
  }

  static boolean stalled(int code) {
    return (code & STALLED) != 0;
  }
}
