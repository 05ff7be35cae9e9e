package io.vigil.service;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vigil.alert.AlertService;
import io.vigil.alert.DeliveryTuning;
import io.vigil.boundary.BoundaryTracker;
import io.vigil.boundary.MaintenanceSchedule;
import io.vigil.cluster.Placer;
import io.vigil.config.BoundaryConfig;
import io.vigil.config.ConfigException;
import io.vigil.config.ConfigLoader;
import io.vigil.config.ProbeConfig;
import io.vigil.config.VigilConfig;
import io.vigil.demo.DemoTargets;
import io.vigil.history.Accountant;
import io.vigil.history.RawResults;
import io.vigil.metrics.BoundaryMetrics;
import io.vigil.metrics.ProbeMetrics;
import io.vigil.probe.ProbeResult;
import io.vigil.probe.ProbeRuntime;
import io.vigil.probe.Warmup;
import io.vigil.schedule.LoopMonitor;
import io.vigil.schedule.ResultSink;
import io.vigil.schedule.Scheduler;
import io.vigil.status.ActiveAlert;
import io.vigil.status.StatusService;
import io.vigil.store.JdbcStore;
import io.vigil.store.PostgresStore;
import io.vigil.store.SqliteStore;
import io.vigil.time.SteadyClock;
import io.vigil.web.AdminAuth;
import io.vigil.web.AdminEndpoint;
import io.vigil.web.ClusterEndpoint;
import io.vigil.web.HealthEndpoint;
import io.vigil.web.HostPort;
import io.vigil.web.MetricsEndpoint;
import io.vigil.web.ServerLimits;
import io.vigil.web.WebServer;
import io.vigil.web.page.ChangeEndpoint;
import io.vigil.web.page.PublicEndpoint;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service: probes on schedule, results fanned out to sinks, and the HTTP port. This class wires
 * the parts, starts them in one chain ({@link #start}) and swaps configurations: a reload prepares what can
 * fail before it swaps anything, so an invalid configuration is refused and the running one kept. Its own
 * meters are {@link ServiceMetrics}; its repeated work runs on {@link Housekeeping}.
 */
public final class VigilService {
  private static final Logger LOG = LoggerFactory.getLogger(VigilService.class);

  private final Vertx vertx;
  private final Path configFile;
  private final Map<String, String> env;
  private final Clock clock;
  private final PrometheusMeterRegistry registry;
  private final ProbeMetrics probeMetrics;
  private final LatestResults latest = new LatestResults();
  private final JdbcStore store;
  private final BoundaryTracker tracker;
  private final Accountant accountant;
  private final StatusService status;
  private final AlertService alerts;
  private final ChangeLog changes;
  private final Scheduler scheduler;
  private final LoopMonitor loopMonitor;
  private final ConfigWatcher watcher;
  private final ServiceMetrics meters;
  private final Housekeeping housekeeping;
  private final List<String> startup = new CopyOnWriteArrayList<>();
  private long startedAt;
  private volatile VigilConfig config;
  private volatile boolean scheduled;
  private WebServer web;
  private DemoTargets demo;
  private volatile Placer placer = Placer.SINGLE;
  /** The boundaries this node owns in a cluster; null in a single process (it owns them all). */
  private volatile Set<String> owned;

  private VigilService(Vertx vertx, Path configFile, Map<String, String> env, Clock clock, VigilConfig config,
      JdbcStore store) {
    this.vertx = vertx;
    this.store = store;
    this.configFile = configFile;
    this.env = env;
    this.clock = clock;
    this.config = config;
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.meters = new ServiceMetrics(store);
    meters.bindTo(registry);
    this.probeMetrics = new ProbeMetrics(config.location());
    registry.getPrometheusRegistry().register(probeMetrics);
    this.tracker = new BoundaryTracker(clock, store);
    this.accountant = new Accountant(clock, store);
    MaintenanceSchedule schedule = new MaintenanceSchedule(config);
    this.status = new StatusService(clock, tracker, accountant, store, config, schedule);
    registry.getPrometheusRegistry().register(new BoundaryMetrics(status, accountant, this::owns));
    this.alerts = new AlertService(vertx, clock, store, tracker, DeliveryTuning.DEFAULT, Math::random);
    registry.getPrometheusRegistry().register(alerts.metrics());
    status.alertsFrom(boundary -> alerts.firing().stream().filter(a -> a.boundary().equals(boundary))
        .map(a -> new ActiveAlert(a.alert(), a.kind(), a.slo(), a.severity(), a.since(), a.summary(), a.causedBy(),
            a.held())).toList());
    this.changes = new ChangeLog(store, clock, registry);
    status.changesFrom(changes::recent);
    alerts.changesFrom(changes::recent);
    status.postmortemsFrom(changes::postmortems);
    ResultSink sinks = new RedactingSink(() -> this.config.redactor(),
        ResultSink.fanOut(List.of(probeMetrics, latest, new RawResults(store, accountant::probeId), accountant,
            tracker, alerts, (probe, result) -> placer.publish(result))));
    ProbeRuntime runtime = ProbeRuntime.of(vertx, clock);
    this.scheduler = new Scheduler(runtime, sinks, meters.schedulerLag());
    this.loopMonitor = new LoopMonitor(runtime.stalls(), meters.loopDelay());
    this.watcher = new ConfigWatcher(vertx, () -> this.config, this::reload);
    this.housekeeping = new Housekeeping(vertx, this);
  }

  private static String millis(long nanos) {
    return nanos / 1_000_000 + " ms";
  }

  /**
   * Options for {@link #start}.
   *
   * @param clock the system clock; the service reads it through a {@link SteadyClock}, so that a clock stepped
   *     back never makes history run backwards
   */
  public record Options(Path configFile, Map<String, String> env, String listenOverride, Clock clock) {}

  /**
   * Loads the configuration, starts the demo targets when asked, schedules every probe and opens the port.
   * Fails with {@link ConfigException} when the configuration is invalid (nothing is started then).
   */
  public static Future<VigilService> start(Options options) {
    long t0 = System.nanoTime();
    Vertx vertx = Vertx.vertx(new VertxOptions()
        .setEventLoopPoolSize(Runtime.getRuntime().availableProcessors())
        .setPreferNativeTransport(true));
    // warm the probe code paths and load SQLite's native library while the configuration is read and history
    // opened, and no longer than that takes (one round at least)
    AtomicBoolean prepared = new AtomicBoolean();
    Future<Object> warm = vertx.executeBlocking(() -> {
      Warmup.exercise(vertx, ProbeRuntime.of(vertx, options.clock()), prepared::get);
      return null;
    }, false);
    Future<Object> sqlite = vertx.executeBlocking(() -> {
      SqliteStore.loadLibrary();
      return null;
    }, false);
    VigilConfig config;
    try {
      config = ConfigLoader.load(options.configFile(), options.env());
    } catch (ConfigException e) {
      return vertx.close().transform(ignored -> Future.failedFuture(e));
    }
    long configured = System.nanoTime();
    Clock clock = SteadyClock.of(options.clock());
    String listen = options.listenOverride() != null ? options.listenOverride() : config.listen();
    // Completed without a context: once Vert.x is closed its contexts run no more callbacks, so a failure
    // reported through them would never reach the caller.
    Promise<VigilService> started = Promise.promise();
    sqlite.compose(v -> vertx.executeBlocking(() -> config.storage().sqlite() == null
            ? PostgresStore.open(config.storage(), config.location(), clock)
            : SqliteStore.open(config.storage().sqlite(), config.storage().retention(), clock), false))
        .compose(store -> create(vertx, options, clock, config, store))
        .compose(service -> {
          service.startedAt = t0;
          service.startup.add("config " + millis(configured - t0));
          service.startup.add("history " + millis(System.nanoTime() - configured));
          prepared.set(true);
          long waited = System.nanoTime();
          return warm.compose(v -> {
            service.startup.add("warm-up " + millis(System.nanoTime() - waited));
            return service.startAll(HostPort.parse(listen));
          }).transform(ready -> ready.succeeded() ? Future.succeededFuture(service) : service.undo(ready.cause()));
        })
        .onComplete(ready -> {
          if (ready.succeeded()) {
            started.complete(ready.result());
          } else {
            LOG.error("start-up failed: {}", ready.cause().toString());
            started.fail(ready.cause());
            vertx.close();
          }
        });
    return started.future();
  }

  /** The service over an opened store; the store is closed again when the service cannot be built. */
  private static Future<VigilService> create(Vertx vertx, Options options, Clock clock, VigilConfig config,
      JdbcStore store) {
    try {
      return Future.succeededFuture(new VigilService(vertx, options.configFile(), options.env(), clock, config,
          store));
    } catch (RuntimeException e) {
      return vertx.executeBlocking(() -> {
        store.close();
        return null;
      }, false).transform(closed -> Future.failedFuture(e));
    }
  }

  /** Releases what a failed start-up took; fails with {@code cause}, which is what the caller must see. */
  private Future<VigilService> undo(Throwable cause) {
    Future<Void> released;
    try {
      released = release();
    } catch (RuntimeException e) {
      released = Future.failedFuture(e);
    }
    return released.transform(ignored -> Future.failedFuture(cause));
  }

  private Future<Void> startAll(HostPort listen) {
    Future<Void> demoStarted = Future.succeededFuture();
    if (config.demo()) {
      demo = new DemoTargets(vertx, clock);
      demoStarted = demo.start();
    }
    return demoStarted
        .compose(v -> config.cluster() == null ? Future.succeededFuture() : joinCluster())
        .compose(v -> vertx.executeBlocking(() -> {
          long warm = System.nanoTime();
          apply(config);
          long applied = System.nanoTime();
          refreshHistory();
          status.refresh();
          startup.add("probes " + millis(applied - warm));
          startup.add("status " + millis(System.nanoTime() - applied));
          return null;
        }))
        .compose(v -> {
          AdminAuth admin = new AdminAuth(() -> config.adminToken());
          web = new WebServer(vertx, List.of(
              new MetricsEndpoint(vertx, registry),
              new HealthEndpoint(this::notReadyReason),
              new AdminEndpoint(admin, this::reload),
              new ChangeEndpoint(vertx, admin, status, () -> config, changes::record, changes::recent,
                  changes::link, clock),
              new PublicEndpoint(vertx, status, accountant, () -> config, clock, admin),
              new ClusterEndpoint(() -> config.cluster() == null ? null : config.cluster().name(),
                  () -> placer.nodes(config))),
              ServerLimits.DEFAULT.withMaxConnectionsPerClient(config.maxConnectionsPerClient()));
          return web.listen(listen);
        })
        .map(server -> {
          watcher.start();
          alerts.start();
          repeat();
          LOG.info("Vigil is serving on http://{}:{}/ with {} probes in {} boundaries (location {}, {} transport); "
              + "started in {} ({})", listen.host(), server.actualPort(), config.probes().size(),
              config.boundaries().size(), config.location(), vertx.isNativeTransportEnabled() ? "epoll" : "NIO",
              millis(System.nanoTime() - startedAt), String.join(", ", startup));
          return null;
        });
  }

  /** The service's repeated work, each task at its own period (see {@link Housekeeping} for how it runs). */
  private void repeat() {
    housekeeping.every(Duration.ofSeconds(1), "silent probes", tracker::tick);
    housekeeping.every(Duration.ofSeconds(1), "accounting", accountant::advance);
    housekeeping.every(Duration.ofSeconds(5), "status and alert rules", () -> alerts.evaluate(status.refresh()));
    // raw results are durable within 200 ms; rollups are replayed from them after a crash
    housekeeping.every(Duration.ofSeconds(30), "rollups", accountant::persist);
    housekeeping.every(Duration.ofMinutes(1), "stored history", this::refreshHistory);
  }

  /** Re-reads the change events, postmortem links and stored history another node may have written. */
  private void refreshHistory() {
    changes.refresh(config.boundaries().stream().map(BoundaryConfig::name).toList());
    status.refreshHistory();
  }

  /**
   * Joins the cluster; a membership change re-places the probes (unchanged ones keep their phase) and the
   * boundaries' ownership.
   */
  private Future<Void> joinCluster() {
    return Placer.join(config, () -> vertx.executeBlocking(() -> {
      synchronized (this) {
        if (scheduled) {
          scheduler.apply(placed(config));
          reown(config);
        }
      }
      return null;
    }, false), this::fromElsewhere).map(p -> {
      placer = p;
      return null;
    });
  }

  /**
   * A run another node of the cluster made: every node accounts every boundary and keeps its live state, so
   * that any node serves the same pages and a node that takes a boundary over already knows where it stands.
   */
  private void fromElsewhere(String probe, String location, ProbeResult result) {
    ProbeConfig p = config.probe(probe);
    if (p != null) {
      accountant.accept(p, location, result);
      tracker.accept(p, location, result);
      alerts.accept(p, result);
    }
  }

  /**
   * Recomputes which boundaries this node owns (in a cluster). Alerts are stored and sent by the owner only;
   * with a shared history (PostgreSQL) rollups, checkpoints and incidents are written by the owner only, with
   * a history of each node's own (SQLite) every node writes its own.
   */
  private void reown(VigilConfig c) {
    if (c.cluster() == null) {
      return;
    }
    Set<String> mine = placer.owned(c.boundaries().stream().map(BoundaryConfig::name).toList());
    if (mine.equals(owned)) {
      return;
    }
    if (c.storage().sqlite() == null) {
      accountant.own(mine);
      tracker.own(mine);
    }
    alerts.own(mine);
    owned = mine;
    LOG.info("this node owns {} of {} boundaries", mine.size(), c.boundaries().size());
  }

  private boolean owns(String boundary) {
    Set<String> mine = owned;
    return mine == null || mine.contains(boundary);
  }

  /** The probes this node runs: those of its location ({@code locations}), of which its cluster share. */
  private List<ProbeConfig> placed(VigilConfig c) {
    return placer.mine(c.probes().stream().filter(p -> p.runsAt(c.location())).toList());
  }

  /**
   * Applies a validated configuration, all or nothing: prepares what can fail (the probes, which may read
   * certificate files, hence a worker thread), then swaps every part over to it.
   */
  private synchronized void apply(VigilConfig next) {
    Runnable swapProbes = scheduler.prepare(placed(next));
    MaintenanceSchedule schedule = new MaintenanceSchedule(next);
    // prepared: nothing has changed yet
    probeMetrics.configure(next);
    latest.configure(next);
    accountant.configure(next, schedule);
    tracker.configure(next, schedule);
    status.configure(next, schedule);
    alerts.configure(next, schedule);
    swapProbes.run();
    config = next;
    scheduled = true;
    reown(next);
  }

  /**
   * Re-reads the configuration from disk. Yields the errors ({@code file:line:col: message}) when it is
   * invalid, in which case nothing changes; yields an empty list once the new configuration runs.
   */
  public Future<List<String>> reload() {
    return vertx.executeBlocking(this::reloadNow, true).onSuccess(errors -> meters.reloaded(errors.isEmpty()));
  }

  /** Loads, validates and applies the configuration file; the errors when it is refused (nothing changes). */
  private List<String> reloadNow() {
    VigilConfig next;
    try {
      next = ConfigLoader.load(configFile, env);
    } catch (ConfigException e) {
      List<String> errors = e.errors().stream().map(Object::toString).toList();
      LOG.warn("configuration reload refused; the running configuration stays:\n  {}", String.join("\n  ", errors));
      return errors;
    }
    if (!next.listen().equals(config.listen())) {
      LOG.warn("listen changed to {}; it takes effect at the next restart", next.listen());
    }
    try {
      apply(next);
    } catch (RuntimeException e) {
      String error = "probes could not be built: " + e.getMessage();
      LOG.warn("configuration reload refused; the running configuration stays:\n  {}", error);
      return List.of(error);
    }
    LOG.info("configuration reloaded: {} probes in {} boundaries", next.probes().size(), next.boundaries().size());
    return List.of();
  }

  private String notReadyReason() {
    if (!scheduled) {
      return "probes are not scheduled yet";
    }
    String storeProblem = store.degradedReason();
    return storeProblem == null ? null : "history is degraded: " + storeProblem;
  }

  // The parts tests look into: package-private, reached from tests elsewhere through ServiceParts (src/test).
  // Each is what no public surface shows as it happens: the live state the 5-second status snapshot has not
  // taken yet, stored rows, the results sinks received, firing alerts' incident ids.

  StatusService status() {
    return status;
  }

  AlertService alerts() {
    return alerts;
  }

  BoundaryTracker tracker() {
    return tracker;
  }

  Accountant accountant() {
    return accountant;
  }

  JdbcStore store() {
    return store;
  }

  LatestResults latest() {
    return latest;
  }

  /** The port the service listens on (the one it was given, or the one it was assigned for port 0). */
  public int port() {
    return web == null ? -1 : web.actualPort();
  }

  /** Stops probing, persists accounting, closes history and the port, then Vert.x. Call from outside Vert.x. */
  public Future<Void> stop() {
    return release().transform(ignored -> vertx.close());
  }

  /** Everything {@link #stop} does but closing Vert.x. */
  private Future<Void> release() {
    watcher.stop();
    housekeeping.stop();
    scheduler.stop();
    loopMonitor.stop();
    Future<Void> webClosed = web == null ? Future.succeededFuture() : web.close();
    Future<Void> demoStopped = demo == null ? Future.succeededFuture() : demo.stop();
    Future<Object> flushed = alerts.stop().transform(ignored -> vertx.executeBlocking(() -> {
      synchronized (this) {
        accountant.advance();
        accountant.persist();
        store.close();
      }
      return null;
    }));
    return Future.all(webClosed, demoStopped, flushed).compose(v -> placer.leave());
  }
}
