package io.quarry.node.cluster;

import static java.util.Objects.requireNonNull;

import io.quarry.node.identity.PeerId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The member table of one node. A member is alive while it has been heard from directly (it
 * answered our heartbeat, or sent us one) within the failure timeout; members named by others are
 * only learned, and become alive once they answer us. Dead members stay in the table and keep being
 * pinged, so a node restarted on the same store rejoins under its PeerId.
 */
public final class Membership {
  private final NodeInfo self;
  private final List<NodeAddress> seeds;
  private final LongSupplier nanoClock;
  private final long deadAfterNanos;
  private final Map<PeerId, Entry> entries = new HashMap<>();

  private static final class Entry {
    NodeInfo info;
    long lastHeardNanos;
    boolean heard;

    Entry(NodeInfo info) {
      this.info = info;
    }
  }

  public Membership(
      NodeInfo self, List<NodeAddress> seeds, Duration deadAfter, LongSupplier nanoClock) {
    this.self = requireNonNull(self, "self is null");
    this.seeds = List.copyOf(requireNonNull(seeds, "seeds is null"));
    this.deadAfterNanos = requireNonNull(deadAfter, "deadAfter is null").toNanos();
    this.nanoClock = requireNonNull(nanoClock, "nanoClock is null");
  }

  public Membership(NodeInfo self, List<NodeAddress> seeds, Duration deadAfter) {
    this(self, seeds, deadAfter, System::nanoTime);
  }

  public PeerId selfId() {
    return self.peerId();
  }

  /** A node spoke to us or answered us: it is alive now, at the address it gave. */
  public synchronized void heard(NodeInfo info) {
    requireNonNull(info, "info is null");
    if (info.peerId().equals(self.peerId())) {
      return;
    }
    Entry entry = entries.computeIfAbsent(info.peerId(), id -> new Entry(info));
    entry.info = info;
    entry.heard = true;
    entry.lastHeardNanos = nanoClock.getAsLong();
  }

  /** Another node named this one as alive: remember it so that we ping it ourselves. */
  public synchronized void learned(NodeInfo info) {
    requireNonNull(info, "info is null");
    if (!info.peerId().equals(self.peerId())) {
      entries.putIfAbsent(info.peerId(), new Entry(info));
    }
  }

  /** Every address to ping: the seeds and every known member, without our own. */
  public synchronized List<NodeAddress> pingTargets() {
    Set<NodeAddress> out = new LinkedHashSet<>(seeds);
    for (Entry e : entries.values()) {
      out.add(e.info.address());
    }
    out.remove(self.address());
    return new ArrayList<>(out);
  }

  /** The whole table, this node first, then the others by PeerId. */
  public synchronized List<Member> members() {
    long now = nanoClock.getAsLong();
    List<Member> out = new ArrayList<>();
    out.add(new Member(self.peerId(), self.address(), true, 0));
    List<Member> others = new ArrayList<>();
    for (Entry e : entries.values()) {
      boolean alive = e.heard && now - e.lastHeardNanos <= deadAfterNanos;
      long silence = e.heard ? Duration.ofNanos(now - e.lastHeardNanos).toMillis() : -1;
      others.add(new Member(e.info.peerId(), e.info.address(), alive, silence));
    }
    others.sort(Comparator.comparing(Member::peerId));
    out.addAll(others);
    return out;
  }

  /** The live members, this node included. */
  public List<Member> live() {
    return members().stream().filter(Member::alive).toList();
  }

  /** What the members alive now last said about themselves, this node included. */
  public synchronized List<NodeInfo> liveInfos(NodeInfo currentSelf) {
    long now = nanoClock.getAsLong();
    List<NodeInfo> out = new ArrayList<>();
    out.add(currentSelf);
    for (Entry e : entries.values()) {
      if (e.heard && now - e.lastHeardNanos <= deadAfterNanos) {
        out.add(e.info);
      }
    }
    return out;
  }

  /** The last self-description of a member, alive or not. */
  public synchronized Optional<NodeInfo> info(PeerId peerId) {
    Entry e = entries.get(peerId);
    return e == null ? Optional.empty() : Optional.of(e.info);
  }
}
