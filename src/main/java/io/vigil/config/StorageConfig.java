package io.vigil.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where history lives and for how long.
 *
 * @param sqlite SQLite database file (absolute after loading), or {@code null} when PostgreSQL is used
 * @param postgres PostgreSQL URL (secret: it may hold the password), or {@link Secret#EMPTY}
 * @param password PostgreSQL password ({@code storage.password}, usually {@code ${ENV}}), or {@link Secret#EMPTY}
 *     when the URL holds it or none is needed
 * @param connectRetry how long start-up keeps retrying an unreachable PostgreSQL ({@code storage.connect_retry})
 * @param node this node's name (the {@code node} key; default: the host name), stamped on the raw results it writes
 * @param retention how long each resolution is kept
 */
public record StorageConfig(Path sqlite, Secret postgres, Secret password, Duration connectRetry, String node,
    Retention retention) {
  public static final Duration DEFAULT_CONNECT_RETRY = Duration.ofSeconds(30);

  public StorageConfig(Path sqlite, Secret postgres, Retention retention) {
    this(sqlite, postgres, Secret.EMPTY, DEFAULT_CONNECT_RETRY, defaultNode(), retention);
  }

  /** The host name, or "local" when it cannot be found. */
  public static String defaultNode() {
    try {
      String name = InetAddress.getLocalHost().getHostName();
      return name == null || name.isBlank() ? "local" : name;
    } catch (java.io.IOException e) {
      return "local";
    }
  }

  /**
   * Retention per resolution: raw results, minute, hour and day rollups.
   */
  public record Retention(Duration raw, Duration minute, Duration hour, Duration day) {
    public static final Retention DEFAULT =
        new Retention(Duration.ofDays(7), Duration.ofDays(35), Duration.ofDays(400), Duration.ofDays(800));
  }
}
