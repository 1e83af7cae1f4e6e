package io.quarry.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.node.identity.NodeIdentity;
import io.quarry.node.identity.PeerId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MembershipTest {
  private final AtomicLong now = new AtomicLong();
  private final NodeInfo self = node(7000);
  private final NodeAddress seed = new NodeAddress("127.0.0.1", 7001);
  private final Membership membership =
      new Membership(self, List.of(seed), Duration.ofSeconds(3), now::get);

  @Test
  void aMemberHeardRecentlyIsAliveAndDiesAfterSilence() {
    NodeInfo peer = node(7001);
    membership.heard(peer);
    assertEquals(List.of(self.peerId(), peer.peerId()), alive());
    now.addAndGet(Duration.ofMillis(2900).toNanos());
    assertEquals(2, alive().size());
    now.addAndGet(Duration.ofMillis(200).toNanos());
    assertEquals(List.of(self.peerId()), alive());
    membership.heard(peer);
    assertEquals(2, alive().size());
  }

  @Test
  void learnedMembersArePingedButNotAliveUntilTheyAnswer() {
    NodeInfo hearsay = node(7002);
    membership.learned(hearsay);
    assertEquals(List.of(seed, hearsay.address()), membership.pingTargets());
    assertEquals(List.of(self.peerId()), alive());
    membership.heard(hearsay);
    assertEquals(2, alive().size());
  }

  @Test
  void aRestartedMemberIsTrackedByPeerIdAtItsNewAddress() {
    NodeInfo before = node(7003);
    membership.heard(before);
    NodeInfo after = new NodeInfo(before.peerId(), new NodeAddress("127.0.0.1", 7004), "", "");
    membership.heard(after);
    List<Member> members = membership.members();
    assertEquals(2, members.size());
    assertEquals(after.address(), members.get(1).address());
    assertFalse(membership.pingTargets().contains(self.address()));
  }

  @Test
  void neverListsItselfTwice() {
    membership.heard(self);
    membership.learned(self);
    assertEquals(1, membership.members().size());
    assertTrue(membership.members().get(0).alive());
  }

  private List<PeerId> alive() {
    return membership.live().stream().map(Member::peerId).toList();
  }

  private static NodeInfo node(int port) {
    return new NodeInfo(
        NodeIdentity.generate().peerId(), new NodeAddress("127.0.0.1", port), "", "");
  }
}
