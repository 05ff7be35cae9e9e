package io.vigil.alert;

import java.time.Duration;

/**
 * How notifications are delivered. The defaults suit production; tests shrink them.
 *
 * @param firstRetry delay before the first retry; each further one doubles, up to {@code maxRetry}, with jitter
 * @param maxRetry longest delay between attempts
 * @param sendTimeout longest one attempt may take, connecting included
 * @param pollEvery how often the outbox is looked at when nothing wakes it
 * @param batch most outbox entries looked at per pass
 */
public record DeliveryTuning(Duration firstRetry, Duration maxRetry, Duration sendTimeout, Duration pollEvery,
    int batch) {
  public static final DeliveryTuning DEFAULT = new DeliveryTuning(Duration.ofSeconds(1), Duration.ofMinutes(5),
      Duration.ofSeconds(10), Duration.ofSeconds(1), 200);
}
