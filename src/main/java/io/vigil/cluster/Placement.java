package io.vigil.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Rendezvous (highest-random-weight) hashing: a probe runs on the live node of its location whose
 * {@code weight(probe, node)} is highest. Every node computes the same answer from the same member list, with
 * no coordination; when a node joins or leaves, only the probes whose winner changed move (about 1/n of them).
 */
public final class Placement {
  private Placement() {}

  /** The node among {@code nodes} that runs {@code probe}; null when {@code nodes} is empty. */
  public static String owner(String probe, Collection<String> nodes) {
    String best = null;
    long bestWeight = 0;
    for (String node : nodes) {
      long w = weight(probe, node);
      if (best == null || Long.compareUnsigned(w, bestWeight) > 0
          || (w == bestWeight && node.compareTo(best) < 0)) {
        best = node;
        bestWeight = w;
      }
    }
    return best;
  }

  /** The items of {@code probes} that {@code self} runs among the live {@code nodes} of its location. */
  public static <T> List<T> mine(List<T> probes, Function<T, String> identity, String self,
      Collection<String> nodes) {
    List<T> out = new ArrayList<>();
    for (T p : probes) {
      if (self.equals(owner(identity.apply(p), nodes))) {
        out.add(p);
      }
    }
    return out;
  }

  /** A well-mixed 64-bit weight of the pair (FNV-1a over both, then the SplitMix64 finaliser). */
  static long weight(String probe, String node) {
    long h = 0xcbf29ce484222325L;
    h = fnv(h, probe.getBytes(StandardCharsets.UTF_8));
    h = (h ^ 0xff) * 0x100000001b3L; // separator: ("ab","c") and ("a","bc") weigh differently
    h = fnv(h, node.getBytes(StandardCharsets.UTF_8));
    h ^= h >>> 30;
    h *= 0xbf58476d1ce4e5b9L;
    h ^= h >>> 27;
    h *= 0x94d049bb133111ebL;
    h ^= h >>> 31;
    return h;
  }

  private static long fnv(long h, byte[] bytes) {
    for (byte b : bytes) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
