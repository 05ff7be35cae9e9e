package io.vigil.service;

import io.vigil.alert.AlertService;
import io.vigil.history.Accountant;
import io.vigil.probe.ProbeResult;
import io.vigil.status.StatusService;
import io.vigil.store.JdbcStore;

/**
 * What tests outside this package look into in a running service, through its package-private accessors:
 * facts no public surface shows as they happen (the status snapshot before its next pass, accounting
 * positions, stored rows and store counters, firing alerts' incident ids, the results the sinks received).
 */
public final class ServiceParts {
  private ServiceParts() {}

  public static StatusService status(VigilService service) {
    return service.status();
  }

  public static Accountant accountant(VigilService service) {
    return service.accountant();
  }

  public static JdbcStore store(VigilService service) {
    return service.store();
  }

  public static AlertService alerts(VigilService service) {
    return service.alerts();
  }

  /** The last result of {@code probe} as every sink received it (redacted), or null before its first run. */
  public static ProbeResult latest(VigilService service, String probe) {
    return service.latest().get(probe);
  }
}
