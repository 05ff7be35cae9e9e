package io.vigil.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PlacementTest {
  private static final List<String> PROBES = probes(10_000);

  @Test
  void noNodesMeansNoOwner() {
    assertThat(Placement.owner("p", List.of())).isNull();
  }

  @Test
  void ownerDoesNotDependOnMemberOrder() {
    List<String> a = List.of("n1", "n2", "n3");
    List<String> b = List.of("n3", "n1", "n2");
    for (String p : PROBES) {
      assertThat(Placement.owner(p, a)).isEqualTo(Placement.owner(p, b));
    }
  }

  @Test
  void everyProbeHasExactlyOneNodeAndTheShareIsEven() {
    List<String> nodes = List.of("n1", "n2", "n3");
    int total = 0;
    for (String n : nodes) {
      int mine = Placement.mine(PROBES, Function.identity(), n, nodes).size();
      assertThat(mine).isBetween(3_000, 3_700);
      total += mine;
    }
    assertThat(total).isEqualTo(PROBES.size());
  }

  @Test
  void addingANodeMovesAboutOneNthAndOnlyToTheNewNode() {
    List<String> before = List.of("n1", "n2", "n3");
    List<String> after = List.of("n1", "n2", "n3", "n4");
    int moved = 0;
    for (String p : PROBES) {
      String was = Placement.owner(p, before);
      String is = Placement.owner(p, after);
      if (!was.equals(is)) {
        assertThat(is).isEqualTo("n4");
        moved++;
      }
    }
    assertThat(moved).isBetween(2_200, 2_800); // 1/4 of 10,000
  }

  @Test
  void removingANodeMovesOnlyItsProbesSpreadOverTheRest() {
    List<String> before = List.of("n1", "n2", "n3");
    List<String> after = List.of("n1", "n3");
    Map<String, Integer> gained = new HashMap<>();
    for (String p : PROBES) {
      String was = Placement.owner(p, before);
      String is = Placement.owner(p, after);
      if (!was.equals("n2")) {
        assertThat(is).isEqualTo(was);
      } else {
        gained.merge(is, 1, Integer::sum);
      }
    }
    assertThat(gained.keySet()).containsExactlyInAnyOrder("n1", "n3");
    assertThat(gained.values()).allSatisfy(v -> assertThat(v).isBetween(1_400, 1_950));
  }

  private static List<String> probes(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("probe-" + i);
    }
    return out;
  }
}
