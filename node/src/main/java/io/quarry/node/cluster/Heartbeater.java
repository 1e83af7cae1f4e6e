package io.quarry.node.cluster;

import static java.util.Objects.requireNonNull;

import io.quarry.node.identity.PeerId;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;

/**
 * Pings every known address once per interval, concurrently, and feeds the answers into the member
 * table: the responder is heard, the members it sees alive are learned.
 */
public final class Heartbeater implements AutoCloseable {
  private final Membership membership;
  private final PeerClients clients;
  private final Supplier<NodeInfo> self;
  private final Duration interval;
  private final Consumer<NodeInfo> onAnswer;
  private final Consumer<String> log;
  private final NodeAdmission admission;
  private final Set<NodeAddress> refused = ConcurrentHashMap.newKeySet();
  private Set<PeerId> lastLive = Set.of();
  private final ScheduledExecutorService timer;
  private final ExecutorService senders;

  /**
   * @param self what this node says about itself now (its digests change as it imports)
   * @param onAnswer called with each peer's self-description after it answered
   * @param log told when members come alive or die
   */
  public Heartbeater(
      Membership membership,
      PeerClients clients,
      Supplier<NodeInfo> self,
      Duration interval,
      Consumer<NodeInfo> onAnswer,
      Consumer<String> log) {
    this(membership, clients, self, interval, onAnswer, log, NodeAdmission.OPEN);
  }

  /**
   * @param admission sends this node's credentials with each ping and checks the responder's
   */
  public Heartbeater(
      Membership membership,
      PeerClients clients,
      Supplier<NodeInfo> self,
      Duration interval,
      Consumer<NodeInfo> onAnswer,
      Consumer<String> log,
      NodeAdmission admission) {
    this.admission = requireNonNull(admission, "admission is null");
    this.membership = requireNonNull(membership, "membership is null");
    this.clients = requireNonNull(clients, "clients is null");
    this.self = requireNonNull(self, "self is null");
    this.interval = requireNonNull(interval, "interval is null");
    this.onAnswer = requireNonNull(onAnswer, "onAnswer is null");
    this.log = requireNonNull(log, "log is null");
    this.timer = Executors.newSingleThreadScheduledExecutor(daemon("quarry-heartbeat"));
    this.senders = Executors.newCachedThreadPool(daemon("quarry-ping"));
  }

  public void start() {
    timer.scheduleWithFixedDelay(this::round, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One round: a ping to every target, each on its own thread so a dead peer delays no other. */
  void round() {
    reportChanges();
    NodeInfo current = self.get();
    byte[] body = ClusterWire.encodeNode(current, admission.credentialsFor(current));
    List<NodeAddress> targets = membership.pingTargets();
    for (NodeAddress target : targets) {
      senders.execute(() -> ping(target, body));
    }
  }

  private void reportChanges() {
    Set<PeerId> live = new HashSet<>();
    for (Member m : membership.members()) {
      if (m.alive()) {
        live.add(m.peerId());
      } else if (lastLive.contains(m.peerId())) {
        log.accept(
            "member "
                + m.peerId()
                + " "
                + m.address()
                + " dead (silent "
                + m.silenceMillis()
                + " ms)");
      }
      if (m.alive() && !lastLive.contains(m.peerId()) && !m.peerId().equals(membership.selfId())) {
        log.accept("member " + m.peerId() + " " + m.address() + " alive");
      }
    }
    lastLive = live;
  }

  private void ping(NodeAddress target, byte[] body) {
    try {
      byte[] answer = clients.call(target, ClusterWire.PING, body, interval.multipliedBy(2));
      ClusterWire.PingReply reply = ClusterWire.decodePingReply(answer);
      Optional<String> refusal = admission.refusal(reply.self(), reply.selfCredentials());
      if (refusal.isPresent()) {
        if (refused.add(target)) {
          log.accept(
              "refused the answer of "
                  + reply.self().peerId()
                  + " "
                  + target
                  + ": "
                  + refusal.get());
        }
        return;
      }
      refused.remove(target);
      membership.heard(reply.self());
      for (NodeInfo other : reply.live()) {
        membership.learned(other);
      }
      onAnswer.accept(reply.self());
    } catch (RuntimeException e) {
      // Silence is how a peer's death shows: the member table ages it out. A refusal is logged
      // once, since it will not heal by itself.
      if (e.getCause() instanceof FlightRuntimeException f
          && (f.status().code() == FlightStatusCode.UNAUTHENTICATED
              || f.status().code() == FlightStatusCode.UNAUTHORIZED)
          && refused.add(target)) {
        log.accept("ping to " + target + " refused: " + f.status().description());
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    senders.shutdownNow();
  }

  static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
