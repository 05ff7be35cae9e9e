package io.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.Secret;
import io.vigil.web.AdminAuth.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AdminAuthTest {
  private static final String TOKEN = "correct-horse-battery";
  private final AdminAuth auth = new AdminAuth(() -> Secret.of(TOKEN));

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"Bearer correct-horse-battery", "bearer correct-horse-battery",
      "BEARER   correct-horse-battery  "})
  void theTokenAsABearerIsAllowed(String header) {
    assertThat(auth.check(header)).isEqualTo(Verdict.ALLOWED);
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(delimiter = '|', value = {"Bearer correct-horse-batter", "Bearer correct-horse-battery!",
      "Bearer CORRECT-HORSE-BATTERY", "Bearer", "Bearer ", "correct-horse-battery",
      "Basic Y29ycmVjdC1ob3JzZS1iYXR0ZXJ5", "Token correct-horse-battery", "Bearercorrect-horse-battery"})
  void anythingElseIsDenied(String header) {
    assertThat(auth.check(header)).isEqualTo(Verdict.DENIED);
  }

  @ParameterizedTest
  @NullAndEmptySource
  void noHeaderIsDenied(String header) {
    assertThat(auth.check(header)).isEqualTo(Verdict.DENIED);
  }

  @ParameterizedTest
  @NullAndEmptySource
  void noConfiguredTokenDisablesAdminEndpoints(String configured) {
    AdminAuth disabled = new AdminAuth(() -> configured == null ? null : Secret.of(configured));
    assertThat(disabled.check("Bearer " + TOKEN)).isEqualTo(Verdict.DISABLED);
    assertThat(disabled.check("Bearer ")).isEqualTo(Verdict.DISABLED);
    assertThat(disabled.check(null)).isEqualTo(Verdict.DISABLED);
  }
}
