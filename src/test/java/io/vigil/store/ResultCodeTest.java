package io.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.probe.Outcome;
import io.vigil.probe.Reason;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResultCodeTest {
  @Test
  void everyOutcomeReasonAndStatusPacksAndUnpacksToItself() {
    Set<Integer> codes = new HashSet<>();
    for (Outcome outcome : Outcome.values()) {
      for (Reason reason : reasonsAndNone()) {
        for (int status : new int[] {0, 100, 200, 204, 301, 404, 429, 503, 599, 999, 65_535}) {
          for (boolean stalled : new boolean[] {false, true}) {
            int code = ResultCode.pack(outcome, reason, status, stalled);
            assertThat(ResultCode.outcome(code)).isEqualTo(outcome);
            assertThat(ResultCode.reason(code)).isEqualTo(reason);
            assertThat(ResultCode.httpStatus(code)).isEqualTo(status);
            assertThat(ResultCode.stalled(code)).isEqualTo(stalled);
            assertThat(codes.add(code)).as("code %d is unique", code).isTrue();
          }
        }
      }
    }
  }

  @Test
  void commonResultsPackSmall() {
    assertThat(ResultCode.pack(Outcome.GOOD, null, 0)).isZero(); // stored in zero bytes
    assertThat(ResultCode.pack(Outcome.GOOD, null, 200)).isLessThan(1 << 15); // two bytes
    assertThat(ResultCode.pack(Outcome.BAD, Reason.TIMEOUT, 0)).isLessThan(1 << 7); // one byte
  }

  @Test
  void statusOutsideTheRangeIsStoredAsNone() {
    assertThat(ResultCode.httpStatus(ResultCode.pack(Outcome.BAD, Reason.STATUS, -1))).isZero();
    assertThat(ResultCode.httpStatus(ResultCode.pack(Outcome.BAD, Reason.STATUS, 70_000))).isZero();
  }

  @Test
  void codesArePinnedSoExistingFilesKeepTheirMeaning() {
    assertThat(ResultCode.pack(Outcome.BAD, Reason.DNS, 0)).isEqualTo(1 << 2 | 1);
    assertThat(ResultCode.pack(Outcome.INVALID, Reason.PROBER_NETWORK, 0)).isEqualTo(16 << 2 | 2);
    assertThat(ResultCode.pack(Outcome.BAD, Reason.STATUS, 503)).isEqualTo(503 << 7 | 6 << 2 | 1);
  }

  private static Set<Reason> reasonsAndNone() {
    Set<Reason> all = new HashSet<>(Set.of(Reason.values()));
    all.add(null);
    return all;
  }
}
