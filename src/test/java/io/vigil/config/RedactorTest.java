package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {

  @Test
  void knownSecretsAreReplacedWhereverTheyOccur() {
    Redactor r = new Redactor(List.of("s3cr3t-token", "hunter2"));

    assertThat(r.redact("Authorization: Bearer s3cr3t-token; again s3cr3t-token; pw=hunter2!"))
        .isEqualTo("Authorization: Bearer <redacted>; again <redacted>; pw=<redacted>!");
  }

  @Test
  void longerSecretsWinOverTheirPrefixes() {
    Redactor r = new Redactor(List.of("abc", "abcdef"));

    assertThat(r.redact("x abcdef y abc z")).isEqualTo("x <redacted> y <redacted> z");
  }

  @Test
  void secretsShorterThanThreeCharactersAreIgnored() {
    Redactor r = new Redactor(List.of("ab", "", "x"));

    assertThat(r.redact("a table of x and ab")).isEqualTo("a table of x and ab");
  }

  @Test
  void regexCharactersInSecretsAreLiteral() {
    Redactor r = new Redactor(List.of("a.b*c(d"));

    assertThat(r.redact("a.b*c(d and axbbbc(d")).isEqualTo("<redacted> and axbbbc(d");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      https://user:pass@shop.example.com/x        | https://<redacted>@shop.example.com/x
      postgresql://vigil:pw@db.internal/vigil     | postgresql://<redacted>@db.internal/vigil
      see https://ghp_token@github.example/a b@c  | see https://<redacted>@github.example/a b@c
      https://shop.example.com/users/42           | https://shop.example.com/users/42
      mail me at ops@example.com                  | mail me at ops@example.com
      """)
  void urlCredentialsAreStripped(String text, String expected) {
    assertThat(Redactor.NONE.redact(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      https://h/x?token=abc123&page=2                 | https://h/x?token=<redacted>&page=2
      https://h/x?page=2&API_KEY=k-1                  | https://h/x?page=2&API_KEY=<redacted>
      https://h/x?apikey=1&api_key=2&access_token=3   | https://h/x?apikey=<redacted>&api_key=<redacted>&access_token=<redacted>
      https://h/x?X-Amz-Signature=ff00&sig=aa         | https://h/x?X-Amz-Signature=<redacted>&sig=<redacted>
      https://h/x?secret=s&password=p&passwd=q        | https://h/x?secret=<redacted>&password=<redacted>&passwd=<redacted>
      https://h/x?auth=a#frag                         | https://h/x?auth=<redacted>#frag
      https://h/x?private_token=t                     | https://h/x?private_token=<redacted>
      https://h/x?page=2&sort=name                    | https://h/x?page=2&sort=name
      https://h/x?signup=yes&design=flat              | https://h/x?signup=yes&design=flat
      """)
  void secretQueryParametersAreStripped(String text, String expected) {
    assertThat(Redactor.NONE.redact(text)).isEqualTo(expected);
  }

  @Test
  void redactingTwiceChangesNothingMore() {
    Redactor r = new Redactor(List.of("tok-123"));
    String once = r.redact("https://u:tok-123@h/x?token=tok-123");

    assertThat(once).isEqualTo("https://<redacted>@h/x?token=<redacted>");
    assertThat(r.redact(once)).isEqualTo(once);
  }

  @Test
  void nullAndEmptyPassThrough() {
    assertThat(Redactor.NONE.redact(null)).isNull();
    assertThat(new Redactor(List.of("abc")).redact("")).isEmpty();
  }
}
