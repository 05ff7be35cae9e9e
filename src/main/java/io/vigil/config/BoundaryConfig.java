package io.vigil.config;

import java.time.Duration;
import java.util.List;

/**
 * A system boundary: where a service hands its function to users. SLIs and SLOs are set here; the
 * probes naming this boundary exercise it.
 *
 * @param name unique across all probe files; used in URLs and metric labels
 * @param title display name (the name when not given)
 * @param description one paragraph for the status page
 * @param isPublic whether public paths (status page, API, badges) show it; false by default
 * @param downWhen how probe states combine into "down"
 * @param failuresBeforeDown consecutive bad runs before a probe counts as failing for the boundary state
 * @param successesBeforeUp consecutive good runs before a failing probe counts as passing again
 * @param slos objectives
 * @param alerts alert rules
 * @param maintenance planned windows
 * @param source file:line where it was declared
 * @param owner who owns it ({@link Owner#NONE} when not given)
 * @param latencyBands fast / acceptable / slow thresholds ({@link LatencyBandsConfig#DEFAULT} when not given)
 * @param dependsOn upstream boundaries ({@code depends_on}): while one is down, this boundary's incidents are
 *     linked to it and their notifications held; every name exists and the graph has no cycle
 * @param postmortemAfter incidents longer than this need a postmortem ({@code postmortem_after}, default 30m)
 * @param locationsDownWhen how many of the locations running a probe must see it failing before it counts as
 *     failing ({@code locations_down_when}, default {@code majority}; with one location any rule is that one)
 */
public record BoundaryConfig(
    String name,
    String title,
    String description,
    boolean isPublic,
    DownWhen downWhen,
    int failuresBeforeDown,
    int successesBeforeUp,
    List<SloConfig> slos,
    List<AlertConfig> alerts,
    List<MaintenanceConfig> maintenance,
    String source,
    Owner owner,
    LatencyBandsConfig latencyBands,
    List<String> dependsOn,
    Duration postmortemAfter,
    DownWhen locationsDownWhen) {
  /** The default of {@code postmortem_after}. */
  public static final Duration DEFAULT_POSTMORTEM_AFTER = Duration.ofMinutes(30);

  public BoundaryConfig {
    owner = owner == null ? Owner.NONE : owner;
    postmortemAfter = postmortemAfter == null ? DEFAULT_POSTMORTEM_AFTER : postmortemAfter;
    latencyBands = latencyBands == null ? LatencyBandsConfig.DEFAULT : latencyBands;
    dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    locationsDownWhen = locationsDownWhen == null ? DEFAULT_LOCATIONS_DOWN_WHEN : locationsDownWhen;
  }

  /** The default of {@code locations_down_when}: a strict majority of the locations that see the probe. */
  public static final DownWhen DEFAULT_LOCATIONS_DOWN_WHEN = new DownWhen(DownWhen.Mode.MAJORITY, 0);

  /** A boundary with the default location quorum. */
  public BoundaryConfig(String name, String title, String description, boolean isPublic, DownWhen downWhen,
      int failuresBeforeDown, int successesBeforeUp, List<SloConfig> slos, List<AlertConfig> alerts,
      List<MaintenanceConfig> maintenance, String source, Owner owner, LatencyBandsConfig latencyBands,
      List<String> dependsOn, Duration postmortemAfter) {
    this(name, title, description, isPublic, downWhen, failuresBeforeDown, successesBeforeUp, slos, alerts,
        maintenance, source, owner, latencyBands, dependsOn, postmortemAfter, DEFAULT_LOCATIONS_DOWN_WHEN);
  }

  /** A boundary without upstreams and with the default {@code postmortem_after}. */
  public BoundaryConfig(String name, String title, String description, boolean isPublic, DownWhen downWhen,
      int failuresBeforeDown, int successesBeforeUp, List<SloConfig> slos, List<AlertConfig> alerts,
      List<MaintenanceConfig> maintenance, String source, Owner owner, LatencyBandsConfig latencyBands) {
    this(name, title, description, isPublic, downWhen, failuresBeforeDown, successesBeforeUp, slos, alerts,
        maintenance, source, owner, latencyBands, List.of(), DEFAULT_POSTMORTEM_AFTER);
  }

  /** A boundary with upstreams and the default {@code postmortem_after}. */
  public BoundaryConfig(String name, String title, String description, boolean isPublic, DownWhen downWhen,
      int failuresBeforeDown, int successesBeforeUp, List<SloConfig> slos, List<AlertConfig> alerts,
      List<MaintenanceConfig> maintenance, String source, Owner owner, LatencyBandsConfig latencyBands,
      List<String> dependsOn) {
    this(name, title, description, isPublic, downWhen, failuresBeforeDown, successesBeforeUp, slos, alerts,
        maintenance, source, owner, latencyBands, dependsOn, DEFAULT_POSTMORTEM_AFTER);
  }

  /** A boundary without upstreams. */
  public BoundaryConfig(String name, String title, String description, boolean isPublic, DownWhen downWhen,
      int failuresBeforeDown, int successesBeforeUp, List<SloConfig> slos, List<AlertConfig> alerts,
      List<MaintenanceConfig> maintenance, String source, Owner owner, LatencyBandsConfig latencyBands,
      Duration postmortemAfter) {
    this(name, title, description, isPublic, downWhen, failuresBeforeDown, successesBeforeUp, slos, alerts,
        maintenance, source, owner, latencyBands, List.of(), postmortemAfter);
  }

  /** A boundary without the SRE-practice keys (owner and the like): their defaults. */
  public BoundaryConfig(String name, String title, String description, boolean isPublic, DownWhen downWhen,
      int failuresBeforeDown, int successesBeforeUp, List<SloConfig> slos, List<AlertConfig> alerts,
      List<MaintenanceConfig> maintenance, String source) {
    this(name, title, description, isPublic, downWhen, failuresBeforeDown, successesBeforeUp, slos, alerts,
        maintenance, source, Owner.NONE, LatencyBandsConfig.DEFAULT, List.of(), DEFAULT_POSTMORTEM_AFTER);
  }

  /** Whether {@code other} defines the same state rules, so the state timeline carries over a reload. */
  public boolean sameDefinition(BoundaryConfig other) {
    return other != null && name.equals(other.name) && downWhen.equals(other.downWhen)
        && locationsDownWhen.equals(other.locationsDownWhen)
        && failuresBeforeDown == other.failuresBeforeDown && successesBeforeUp == other.successesBeforeUp;
  }
}
