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
 * sends heartbeats and after how much silence a member counts as dead, (optionally) the address
 * peers reach it at when that is not the listen address (a wildcard listen, NAT), and (optionally)
 * the directory of its security material: with it the node serves TLS, requires the cluster's token
 * of every caller and admits only members of its cluster.
 */
public record NodeConfig(
    Path home,
    NodeAddress listen,
    List<NodeAddress> peers,
    Duration heartbeatInterval,
    Duration deadAfter,
    String version,
    NodeAddress advertise,
    Path security) {
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

  /** A node without security material: plaintext, no token, every node that pings is a member. */
  public NodeConfig(
      Path home,
      NodeAddress listen,
      List<NodeAddress> peers,
      Duration heartbeatInterval,
      Duration deadAfter,
      String version,
      NodeAddress advertise) {
    this(home, listen, peers, heartbeatInterval, deadAfter, version, advertise, null);
  }

  /** This configuration with the security material in {@code dir}. */
  public NodeConfig withSecurity(Path dir) {
    return new NodeConfig(
        home, listen, peers, heartbeatInterval, deadAfter, version, advertise, dir);
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
