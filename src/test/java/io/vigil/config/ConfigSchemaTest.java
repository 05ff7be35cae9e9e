package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON Schemas in config/schema agree with the loader on the fixtures. */
class ConfigSchemaTest {
  static final Path SCHEMAS = Path.of("config/schema");
  static final Path VALID = Path.of("src/test/resources/config/valid");
  static final Path INVALID = Path.of("src/test/resources/config/invalid");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  static JsonSchema schema(String name) throws IOException {
    return FACTORY.getSchema(JSON.readTree(SCHEMAS.resolve(name).toFile()));
  }

  static JsonNode yaml(Path file) throws IOException {
    JsonNode node = YAML.readTree(file.toFile());
    return node == null || node.isMissingNode() ? NullNode.getInstance() : node;
  }

  /** Service files are the ones named vigil.yaml; every other YAML file under valid/ is a probe file. */
  static Stream<Path> validFiles() throws IOException {
    return Files.walk(VALID).filter(p -> p.toString().endsWith(".yaml")).sorted();
  }

  @ParameterizedTest
  @ValueSource(strings = {"vigil.schema.json", "probes.schema.json"})
  void schemasAreValidDraft202012(String name) throws IOException {
    JsonSchema meta = FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

    assertThat(meta.validate(JSON.readTree(SCHEMAS.resolve(name).toFile()))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"vigil.schema.json", "probes.schema.json"})
  void everyKeyHasADescription(String name) throws IOException {
    JsonNode root = JSON.readTree(SCHEMAS.resolve(name).toFile());

    assertThat(undescribed(root, "")).isEmpty();
  }

  /** Subschemas that only test a value (the keys they name are described where they are declared). */
  private static final Set<String> CONDITIONS = Set.of("if", "not");

  /** Paths of declared properties without a description. */
  private static List<String> undescribed(JsonNode node, String path) {
    ArrayList<String> missing = new ArrayList<>();
    if (node.isObject()) {
      JsonNode props = node.get("properties");
      if (props != null && props.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (e.getValue().isObject() && !e.getValue().has("description")) {
            missing.add(path + "/" + e.getKey());
          }
        }
      }
      node.fields().forEachRemaining(e -> {
        if (!CONDITIONS.contains(e.getKey())) {
          missing.addAll(undescribed(e.getValue(), path + "/" + e.getKey()));
        }
      });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        missing.addAll(undescribed(node.get(i), path + "/" + i));
      }
    }
    return missing;
  }

  @ParameterizedTest
  @MethodSource("validFiles")
  void everyValidFixturePassesItsSchema(Path file) throws IOException {
    String schema = file.getFileName().toString().equals("vigil.yaml") ? "vigil.schema.json" : "probes.schema.json";

    Set<ValidationMessage> messages = schema(schema).validate(yaml(file));

    assertThat(messages).as(file.toString()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"key-unknown-typo.yaml", "duration-bad.yaml", "target-100.yaml", "target-text.yaml",
      "enum-bad.yaml", "status-bad.yaml", "probe-section-mismatch.yaml", "probe-section-missing.yaml",
      "slo-latency-without-threshold.yaml", "slo-threshold-on-requests.yaml", "alert-burn-rate-without-slo.yaml",
      "alert-down-with-slo.yaml", "maintenance-start-and-cron.yaml", "maintenance-no-duration.yaml",
      "tcp-port-range.yaml", "probe-name-bad.yaml", "auth-both.yaml", "auth-and-url-userinfo.yaml", "tcp-step-both.yaml", "size-bad.yaml",
      "alert-after-failures-zero.yaml", "alert-burn-rate-after-failures.yaml", "alert-for-bad.yaml",
      "alert-notify-twice.yaml", "alert-notify-severity-bad.yaml"})
  void invalidProbeFilesFailTheSchema(String fixture) throws IOException {
    assertThat(schema("probes.schema.json").validate(yaml(INVALID.resolve(fixture)))).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"service-unknown-key.yaml", "service-listen-bad.yaml", "service-notifier-missing-key.yaml",
      "service-notifier-wrong-key.yaml", "service-notifier-type-bad.yaml", "service-storage-both.yaml",
      "service-histograms-bad.yaml", "service-public-url-bad.yaml",
      "service-email-starttls-bad.yaml", "service-email-no-to.yaml"})
  void invalidServiceFilesFailTheSchema(String fixture) throws IOException {
    assertThat(schema("vigil.schema.json").validate(yaml(INVALID.resolve(fixture)))).isNotEmpty();
  }

  @Test
  void aProbeFileFailsTheServiceSchemaAndTheOtherWayRound() throws IOException {
    assertThat(schema("vigil.schema.json").validate(yaml(VALID.resolve("full/probes/shop.yaml")))).isNotEmpty();
    assertThat(schema("probes.schema.json").validate(yaml(VALID.resolve("full/config/vigil.yaml")))).isNotEmpty();
  }
}
