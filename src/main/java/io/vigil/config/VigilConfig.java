package io.vigil.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole configuration: the service file and every probe file it loads, validated together.
 *
 * @param file the service file it was read from
 * @param listen host:port of the HTTP server
 * @param location label on every result ({@code location} in metrics)
 * @param publicUrl base URL of the status page for links in notifications; empty when unknown
 * @param statusPageTitle heading of the public status page
 * @param storage history store
 * @param probeFiles globs as written (relative to the service file)
 * @param loadedFiles the probe files the globs matched, in load order
 * @param adminToken bearer token for admin endpoints; empty disables them
 * @param notifiers notification targets
 * @param notificationExpiry how long an undelivered notification is retried before it is given up
 * @param histogramsPer whether latency histograms carry the probe label or only the boundary label
 * @param demo start the built-in demo targets (healthy, flaky, slow) on loopback inside this process
 * @param boundaries every boundary from every probe file
 * @param probes every probe from every probe file
 * @param redactor hides this configuration's secrets (values from {@code ${ENV}}, {@link Secret} values,
 *     URL credentials, secret query parameters) in any text before it is logged, stored or shown
 * @param maxConnectionsPerClient most HTTP connections one remote address may hold open at once
 *     ({@code server.max_connections_per_client}; read at start, not on reload)
 * @param cluster the {@code cluster:} section; null for a single process (read at start, not on reload)
 */
public record VigilConfig(
    Path file,
    String listen,
    String location,
    String publicUrl,
    String statusPageTitle,
    StorageConfig storage,
    List<String> probeFiles,
    List<Path> loadedFiles,
    Secret adminToken,
    List<NotifierConfig> notifiers,
    Duration notificationExpiry,
    HistogramsPer histogramsPer,
    boolean demo,
    List<BoundaryConfig> boundaries,
    List<ProbeConfig> probes,
    Redactor redactor,
    int maxConnectionsPerClient,
    ClusterConfig cluster) {

  public enum HistogramsPer { PROBE, BOUNDARY }

  public static final String DEFAULT_LISTEN = "127.0.0.1:8080";
  public static final Duration DEFAULT_NOTIFICATION_EXPIRY = Duration.ofHours(24);
  /** Connections one address may hold by default: a few browsers, or one reverse proxy in front of Vigil. */
  public static final int DEFAULT_MAX_CONNECTIONS_PER_CLIENT = 64;

  /** A configuration with the default per-client connection cap. */
  public VigilConfig(Path file, String listen, String location, String publicUrl, String statusPageTitle,
      StorageConfig storage, List<String> probeFiles, List<Path> loadedFiles, Secret adminToken,
      List<NotifierConfig> notifiers, Duration notificationExpiry, HistogramsPer histogramsPer, boolean demo,
      List<BoundaryConfig> boundaries, List<ProbeConfig> probes, Redactor redactor) {
    this(file, listen, location, publicUrl, statusPageTitle, storage, probeFiles, loadedFiles, adminToken, notifiers,
        notificationExpiry, histogramsPer, demo, boundaries, probes, redactor, DEFAULT_MAX_CONNECTIONS_PER_CLIENT, null);
  }

  /** A single-process configuration (no {@code cluster:} section). */
  public VigilConfig(Path file, String listen, String location, String publicUrl, String statusPageTitle,
      StorageConfig storage, List<String> probeFiles, List<Path> loadedFiles, Secret adminToken,
      List<NotifierConfig> notifiers, Duration notificationExpiry, HistogramsPer histogramsPer, boolean demo,
      List<BoundaryConfig> boundaries, List<ProbeConfig> probes, Redactor redactor, int maxConnectionsPerClient) {
    this(file, listen, location, publicUrl, statusPageTitle, storage, probeFiles, loadedFiles, adminToken, notifiers,
        notificationExpiry, histogramsPer, demo, boundaries, probes, redactor, maxConnectionsPerClient, null);
  }

  public ProbeConfig probe(String name) {
    return probes.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
  }

  public BoundaryConfig boundary(String name) {
    return boundaries.stream().filter(b -> b.name().equals(name)).findFirst().orElse(null);
  }

  /** Every boundary's probes in config order, grouped in one pass (use it rather than probesOf in loops). */
  public Map<String, List<ProbeConfig>> probesByBoundary() {
    Map<String, List<ProbeConfig>> out = new HashMap<>();
    for (ProbeConfig p : probes) {
      out.computeIfAbsent(p.boundary(), b -> new ArrayList<>()).add(p);
    }
    return out;
  }

  public List<ProbeConfig> probesOf(String boundary) {
    return probes.stream().filter(p -> p.boundary().equals(boundary)).toList();
  }
}
