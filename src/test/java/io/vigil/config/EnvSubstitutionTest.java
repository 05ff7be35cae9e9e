package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvSubstitutionTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      plain text              | plain text
      ${NAME}                 | vigil
      x-${NAME}-${NAME}       | x-vigil-vigil
      ${UNSET:-fallback}      | fallback
      ${EMPTY:-fallback}      | fallback
      ${NAME:-fallback}       | vigil
      ${UNSET:-}              | ""
      ${EMPTY}                | ""
      costs $$5               | costs $5
      $${NAME}                | ${NAME}
      $$${NAME}               | $vigil
      $$$${NAME}              | $${NAME}
      end$                    | end$
      ^a$                     | ^a$
      $NAME                   | $NAME
      """)
  void substitutesReferencesAndKeepsEverythingElse(String text, String expected) {
    BindContext ctx = new BindContext();
    Interpolator interpolator = new Interpolator(Map.of("NAME", "vigil", "EMPTY", ""), ctx);

    assertThat(interpolator.apply(text, new Node.Pos(Path.of("f.yaml"), 1, 1))).isEqualTo(expected);
    assertThat(ctx.hasErrors()).isFalse();
  }

  @Test
  void onlyValuesFromTheEnvironmentAreSecrets() {
    BindContext ctx = new BindContext();
    Interpolator interpolator = new Interpolator(Map.of("TOKEN", "t0ken-value"), ctx);

    interpolator.apply("${TOKEN} ${PORT:-8080}", new Node.Pos(Path.of("f.yaml"), 1, 1));

    assertThat(ctx.secrets()).containsExactly("t0ken-value");
  }

  @Test
  void environmentValuesFeedTypedKeys() throws IOException, ConfigException {
    write("vigil.yaml", "listen: 127.0.0.1:${PORT:-8080}\nlocation: ${REGION}\nprobe_files: [probes.yaml]\n"
        + "demo: ${DEMO:-false}\n");
    write("probes.yaml", "boundaries: [{name: b}]\nprobes:\n"
        + "  - {name: db, boundary: b, type: tcp, interval: '${EVERY:-15s}',\n"
        + "     tcp: {host: db, port: '${DB_PORT}'}}\n");

    VigilConfig c = ConfigLoader.load(dir.resolve("vigil.yaml"),
        Map.of("REGION", "eu-west-1", "DB_PORT", "5433", "DEMO", "true"));

    assertThat(c.listen()).isEqualTo("127.0.0.1:8080");
    assertThat(c.location()).isEqualTo("eu-west-1");
    assertThat(c.demo()).isTrue();
    assertThat(c.probe("db").tcp().port()).isEqualTo(5433);
    assertThat(c.probe("db").interval()).hasSeconds(15);
    assertThat(c.redactor().redact("region eu-west-1, port 5433, listen 8080"))
        .isEqualTo("region <redacted>, port <redacted>, listen 8080");
  }

  @Test
  void anUnsetVariableIsAnErrorAtItsScalar() throws IOException {
    write("vigil.yaml", "probe_files: []\nlocation: x\nadmin_token: \"${ADMIN_TOKEN}\"\n");

    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> ConfigLoader.load(dir.resolve("vigil.yaml"), Map.of()));

    assertThat(e.errors()).extracting(err -> err.line() + ":" + err.column() + " " + err.message()).containsExactly(
        "3:14 environment variable ADMIN_TOKEN is not set (write ${ADMIN_TOKEN:-default} to give a default)");
  }

  @Test
  void secretsNeverAppearInErrorMessages() throws IOException {
    write("vigil.yaml", "probe_files: []\nlisten: ${LISTEN}\n");

    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> ConfigLoader.load(dir.resolve("vigil.yaml"), Map.of("LISTEN", "hunter2-password")));

    assertThat(e.errors()).extracting(ConfigError::message)
        .containsExactly("listen: expected host:port like 127.0.0.1:8080 or [::1]:8080, got '<redacted>'");
    assertThat(e.getMessage()).doesNotContain("hunter2");
  }

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text);
  }

  @Test
  void sensitiveHeaderValuesAreRedactedButOrdinaryOnesAreNot() throws IOException, ConfigException {
    write("vigil.yaml", "probe_files: [probes.yaml]\n");
    write("probes.yaml", "boundaries: [{name: b}]\nprobes:\n"
        + "  - name: api\n    boundary: b\n    type: http\n    http:\n      url: http://127.0.0.1:1/\n"
        + "      headers: {Accept: application/json, X-Api-Key: literal-key-42, Cookie: sid=abc123}\n");

    Redactor redactor = ConfigLoader.load(dir.resolve("vigil.yaml"), Map.of()).redactor();

    assertThat(redactor.redact("Accept: application/json")).isEqualTo("Accept: application/json");
    assertThat(redactor.redact("key literal-key-42, cookie sid=abc123"))
        .doesNotContain("literal-key-42").doesNotContain("sid=abc123");
  }

  @Test
  void basicAuthIsRedactedInItsEncodedFormToo() throws IOException, ConfigException {
    write("vigil.yaml", "probe_files: [probes.yaml]\n");
    write("probes.yaml", "boundaries: [{name: b}]\nprobes:\n"
        + "  - name: api\n    boundary: b\n    type: http\n    http:\n      url: http://127.0.0.1:1/\n"
        + "      auth: {basic: {user: ops, password: \"${PW}\"}}\n");

    Redactor redactor = ConfigLoader.load(dir.resolve("vigil.yaml"), Map.of("PW", "s3cret")).redactor();

    // what the target was sent, echoed back: Authorization: Basic base64("ops:s3cret")
    assertThat(redactor.redact("you sent Basic b3BzOnMzY3JldA==")).isEqualTo("you sent Basic " + Redactor.MARK);
  }

  @Test
  void webhookUrlCredentialsAreRedactedInTheirEncodedFormToo() throws IOException, ConfigException {
    write("vigil.yaml", "probe_files: []\nnotifiers:\n"
        + "  - {name: hook, type: webhook, url: \"http://hook:p%40ss@127.0.0.1:1/alerts\"}\n");

    Redactor redactor = ConfigLoader.load(dir.resolve("vigil.yaml"), Map.of()).redactor();

    // base64("hook:p@ss"), as sent in Authorization: Basic
    assertThat(redactor.redact("you sent Basic aG9vazpwQHNz")).isEqualTo("you sent Basic " + Redactor.MARK);
  }
}
