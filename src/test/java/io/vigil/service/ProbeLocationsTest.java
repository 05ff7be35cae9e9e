package io.vigil.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testing.Http;
import io.vigil.testing.Services;
import io.vigil.testing.TestTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node runs the probes whose {@code locations} name its location, and those without the key; no others. */
class ProbeLocationsTest {
  @TempDir Path dir;

  @Test
  void aNodeRunsOnlyTheProbesOfItsLocation() throws Exception {
    try (TestTarget here = new TestTarget(); TestTarget everywhere = new TestTarget();
        TestTarget elsewhere = new TestTarget()) {
      Files.writeString(dir.resolve("vigil.yaml"), """
          listen: 127.0.0.1:0
          location: eu-west
          storage: {sqlite: data/vigil.db}
          probe_files: [probes.yaml]
          """);
      Files.writeString(dir.resolve("probes.yaml"), """
          boundaries: [{name: shop}]
          probes:
            - {name: here, boundary: shop, type: http, interval: 200ms, locations: [eu-west, us-east],
               http: {url: "%s"}}
            - {name: everywhere, boundary: shop, type: http, interval: 200ms, http: {url: "%s"}}
            - {name: elsewhere, boundary: shop, type: http, interval: 200ms, locations: us-east, http: {url: "%s"}}
          """.formatted(here.url(), everywhere.url(), elsewhere.url()));
      VigilService service = Services.start(dir.resolve("vigil.yaml"), Map.of());
      try {
        assertThat(Http.eventually(Duration.ofSeconds(15),
            () -> here.requests() >= 5 && everywhere.requests() >= 5)).isTrue();
        assertThat(elsewhere.requests()).as("a probe of us-east only never runs at eu-west").isZero();
      } finally {
        Services.stop(service);
      }
    }
  }
}
