package io.vigil.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where history lives and for how long.
 *
 * @param sqlite SQLite database file (absolute after loading), or {@code null} when PostgreSQL is used
 * @param postgres PostgreSQL URL (secret), or {@link Secret#EMPTY}
 * @param retention how long each resolution is kept
 */
public record StorageConfig(Path sqlite, Secret postgres, Retention retention) {

  /**
   * Retention per resolution: raw results, minute, hour and day rollups.
   */
  public record Retention(Duration raw, Duration minute, Duration hour, Duration day) {
    public static final Retention DEFAULT =
        new Retention(Duration.ofDays(7), Duration.ofDays(35), Duration.ofDays(400), Duration.ofDays(800));
  }
}
