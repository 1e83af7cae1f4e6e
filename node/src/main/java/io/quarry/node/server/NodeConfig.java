package io.quarry.node.server;

import static java.util.Objects.requireNonNull;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.node.cluster.NodeAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to run a node: its store, where it listens, the seed peers it joins through, how often it
 * sends heartbeats and after how much silence a member counts as dead, and (optionally) the address
 * peers reach it at when that is not the listen address (a wildcard listen, NAT).
 */
public record NodeConfig(
    Path home,
    NodeAddress listen,
    List<NodeAddress> peers,
    Duration heartbeatInterval,
    Duration deadAfter,
    String version,
    NodeAddress advertise) {
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(1);
  public static final Duration DEFAULT_DEAD_AFTER = Duration.ofSeconds(3);

  public NodeConfig {
    requireNonNull(home, "home is null");
    requireNonNull(listen, "listen is null");
    peers = List.copyOf(requireNonNull(peers, "peers is null"));
    requireNonNull(heartbeatInterval, "heartbeatInterval is null");
    requireNonNull(deadAfter, "deadAfter is null");
    requireNonNull(version, "version is null");
    if (advertise == null && isWildcard(listen.host())) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT,
          "--listen "
              + listen
              + " listens on every interface: give --advertise HOST:PORT, the address peers reach"
              + " this node at");
    }
    if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
      throw new IllegalArgumentException(
          "heartbeatInterval must be positive: " + heartbeatInterval);
    }
    if (deadAfter.compareTo(heartbeatInterval) <= 0) {
      throw new IllegalArgumentException(
          "deadAfter must exceed the heartbeat interval: " + deadAfter);
    }
  }

  public static NodeConfig of(
      Path home, NodeAddress listen, List<NodeAddress> peers, String version) {
    return new NodeConfig(
        home, listen, peers, DEFAULT_HEARTBEAT, DEFAULT_DEAD_AFTER, version, null);
  }

  private static boolean isWildcard(String host) {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
  }
}
