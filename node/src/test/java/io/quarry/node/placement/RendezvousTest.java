package io.quarry.node.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.cid.Cid;
import io.quarry.cid.Multicodec;
import io.quarry.node.identity.NodeIdentity;
import io.quarry.node.identity.PeerId;
import io.quarry.store.Block;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RendezvousTest {
  private final List<PeerId> nodes = peers(5);

  @Test
  void choosesDistinctNodesTheSameWayWhateverTheOrder() {
    for (int i = 0; i < 50; i++) {
      Cid shard = shard(i);
      List<PeerId> chosen = Rendezvous.choose(shard, nodes, 3);
      assertEquals(3, chosen.size());
      assertEquals(3, chosen.stream().distinct().count());
      List<PeerId> reversed = new ArrayList<>(nodes);
      Collections.reverse(reversed);
      assertEquals(chosen, Rendezvous.choose(shard, reversed, 3));
    }
    assertEquals(nodes.size(), Rendezvous.choose(shard(0), nodes, 9).size());
  }

  @Test
  void removingANodeMovesOnlyTheShardsItHeld() {
    PeerId leaving = nodes.get(2);
    List<PeerId> remaining = new ArrayList<>(nodes);
    remaining.remove(leaving);
    for (int i = 0; i < 200; i++) {
      List<PeerId> before = Rendezvous.choose(shard(i), nodes, 2);
      List<PeerId> after = Rendezvous.choose(shard(i), remaining, 2);
      if (!before.contains(leaving)) {
        assertEquals(before, after);
      } else {
        assertTrue(after.containsAll(before.stream().filter(p -> !p.equals(leaving)).toList()));
      }
    }
  }

  @Test
  void spreadsShardsOverAllNodes() {
    Map<PeerId, Integer> counts = new HashMap<>();
    for (int i = 0; i < 500; i++) {
      counts.merge(Rendezvous.choose(shard(i), nodes, 1).get(0), 1, Integer::sum);
    }
    assertEquals(nodes.size(), counts.size());
    counts.values().forEach(n -> assertTrue(n > 50, counts.toString()));
  }

  private static Cid shard(int i) {
    return Block.of(Multicodec.RAW, ("shard " + i).getBytes(StandardCharsets.UTF_8)).cid();
  }

  private static List<PeerId> peers(int n) {
    List<PeerId> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(NodeIdentity.generate().peerId());
    }
    return out;
  }
}
