package io.quarry.node.server;

import static java.util.Objects.requireNonNull;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.node.cluster.ClusterClient;
import io.quarry.node.cluster.Member;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.identity.NodeIdentity;
import io.quarry.node.identity.PeerId;
import io.quarry.node.security.ClientSecurity;
import io.quarry.node.security.ClusterAuthority;
import io.quarry.node.security.NodeSecurity;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A cluster of node processes on 127.0.0.1 under one directory: node {@code i} keeps its store in
 * {@code DIR/node-i}, its log in {@code DIR/node-i/node.log}, its PeerId, address and pid in {@code
 * DIR/node-i/node.json}. {@link #up} starts the nodes that are not running (a restarted node keeps
 * its store, PeerId and port) and waits until every node sees every other alive. On a directory
 * initialized by {@code quarry cluster init} ({@code DIR/cluster/}), each node started gets a
 * certificate and membership credential from the cluster CA in {@code DIR/node-i/security} and
 * serves TLS, requiring the cluster's token.
 */
public final class LocalCluster {
  public static final String HOST = "127.0.0.1";
  public static final String LOG_FILE = "node.log";

  private final Path dir;
  private final List<String> launcher;

  /** One node of the cluster as its files and process show it. */
  public record NodeHandle(
      int index, Path home, PeerId peerId, NodeAddress address, long pid, boolean running) {
    public NodeHandle {
      requireNonNull(home, "home is null");
      requireNonNull(peerId, "peerId is null");
      requireNonNull(address, "address is null");
    }
  }

  /**
   * @param launcher the command that runs the {@code quarry} CLI in a new JVM; {@code serve …} is
   *     appended
   */
  public LocalCluster(Path dir, List<String> launcher) {
    this.dir = requireNonNull(dir, "dir is null").toAbsolutePath();
    this.launcher = List.copyOf(requireNonNull(launcher, "launcher is null"));
  }

  public Path dir() {
    return dir;
  }

  /** Starts the nodes 1..n that are not running and waits until all n see each other alive. */
  public List<NodeHandle> up(int n, Duration timeout) {
    if (n < 1) {
      throw new QuarryException(ErrorCode.INVALID_ARGUMENT, "--nodes must be at least 1, got " + n);
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    List<NodeHandle> planned = new ArrayList<>();
    Set<Integer> taken = new HashSet<>();
    for (int i = 1; i <= n; i++) {
      Path home = home(i);
      PeerId peerId = NodeIdentity.loadOrCreate(home).peerId();
      Optional<NodeStatusFile> status = NodeStatusFile.read(home);
      boolean running = status.isPresent() && isNodeProcess(status.get().pid(), home);
      int port;
      if (running) {
        port = status.get().address().port();
      } else if (status.isPresent() && isFree(status.get().address().port())) {
        port = status.get().address().port();
      } else {
        port = freePort(taken);
      }
      taken.add(port);
      planned.add(
          new NodeHandle(
              i,
              home,
              peerId,
              new NodeAddress(HOST, port),
              running ? status.get().pid() : -1,
              running));
    }
    ClusterAuthority authority =
        ClusterAuthority.initialized(dir) ? ClusterAuthority.load(dir) : null;
    List<NodeHandle> started = new ArrayList<>();
    List<Process> processes = new ArrayList<>();
    for (NodeHandle node : planned) {
      if (node.running()) {
        started.add(node);
        processes.add(null);
        continue;
      }
      if (authority != null) {
        authority.issueNode(
            NodeSecurity.defaultDir(node.home()), node.peerId(), List.of(node.address().host()));
      }
      String peers =
          planned.stream()
              .filter(o -> o != node)
              .map(o -> o.address().toString())
              .collect(Collectors.joining(","));
      Process process = launch(node, peers, authority != null);
      processes.add(process);
      started.add(
          new NodeHandle(
              node.index(), node.home(), node.peerId(), node.address(), process.pid(), true));
    }
    awaitMembership(started, processes, timeout);
    return started;
  }

  /** Every node under the directory, running or not. */
  public List<NodeHandle> nodes() {
    List<NodeHandle> out = new ArrayList<>();
    for (int i : indexes()) {
      Path home = home(i);
      Optional<NodeStatusFile> status = NodeStatusFile.read(home);
      if (status.isEmpty()) {
        continue;
      }
      NodeStatusFile s = status.get();
      out.add(
          new NodeHandle(i, home, s.peerId(), s.address(), s.pid(), isNodeProcess(s.pid(), home)));
    }
    return out;
  }

  /**
   * Stops every running node (SIGTERM, then SIGKILL after {@code grace}); returns those stopped.
   */
  public List<NodeHandle> down(Duration grace) {
    List<NodeHandle> running = nodes().stream().filter(NodeHandle::running).toList();
    List<ProcessHandle> handles = new ArrayList<>();
    for (NodeHandle node : running) {
      ProcessHandle.of(node.pid())
          .ifPresent(
              h -> {
                h.destroy();
                handles.add(h);
              });
    }
    long deadline = System.nanoTime() + grace.toNanos();
    for (ProcessHandle h : handles) {
      while (h.isAlive() && System.nanoTime() < deadline) {
        sleep(50);
      }
      if (h.isAlive()) {
        h.destroyForcibly();
      }
    }
    return running;
  }

  public Path home(int index) {
    return dir.resolve("node-" + index);
  }

  private List<Integer> indexes() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children
          .map(p -> p.getFileName().toString())
          .filter(name -> name.matches("node-[0-9]+"))
          .map(name -> Integer.parseInt(name.substring(5)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** How tools reach this cluster's nodes: with the cluster's CA and token once initialized. */
  public ClientSecurity clientSecurity() {
    return ClientSecurity.forCluster(dir);
  }

  private Process launch(NodeHandle node, String peers, boolean secured) {
    List<String> command = new ArrayList<>(launcher);
    command.addAll(
        List.of("serve", "--home", node.home().toString(), "--listen", node.address().toString()));
    if (secured) {
      command.addAll(List.of("--security", NodeSecurity.defaultDir(node.home()).toString()));
    }
    if (!peers.isEmpty()) {
      command.addAll(List.of("--peers", peers));
    }
    Path log = node.home().resolve(LOG_FILE);
    try {
      return new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectErrorStream(true)
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start node " + node.index() + " (" + command.get(0) + ")", e);
    }
  }

  /** Waits, at most {@code timeout}, until every node reports every other node alive. */
  private void awaitMembership(List<NodeHandle> nodes, List<Process> processes, Duration timeout) {
    Set<PeerId> all = nodes.stream().map(NodeHandle::peerId).collect(Collectors.toSet());
    long deadline = System.nanoTime() + timeout.toNanos();
    try (ClusterClient client = new ClusterClient(clientSecurity())) {
      while (true) {
        List<String> waiting = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
          NodeHandle node = nodes.get(i);
          Process process = processes.get(i);
          if (process != null && !process.isAlive()) {
            throw new QuarryException(
                ErrorCode.IO_ERROR,
                "Node "
                    + node.index()
                    + " exited with status "
                    + process.exitValue()
                    + ": "
                    + lastLine(node.home()));
          }
          if (!seesAll(client, node, all)) {
            waiting.add("node-" + node.index());
          }
        }
        if (waiting.isEmpty()) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new QuarryException(
              ErrorCode.IO_ERROR,
              "Cluster in "
                  + dir
                  + " did not form within "
                  + timeout.toSeconds()
                  + " s; still waiting for "
                  + String.join(", ", waiting)
                  + " (see their "
                  + LOG_FILE
                  + ")");
        }
        sleep(200);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QuarryException(
          ErrorCode.QUERY_CANCELLED, "Interrupted while waiting for the cluster");
    }
  }

  private static boolean seesAll(ClusterClient client, NodeHandle node, Set<PeerId> all) {
    try {
      Set<PeerId> alive =
          client.members(node.address(), Duration.ofSeconds(2)).stream()
              .filter(Member::alive)
              .map(Member::peerId)
              .collect(Collectors.toSet());
      return alive.containsAll(all);
    } catch (QuarryException e) {
      return false;
    }
  }

  private static String lastLine(Path home) {
    try {
      List<String> lines = Files.readAllLines(home.resolve(LOG_FILE), StandardCharsets.UTF_8);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (!lines.get(i).isBlank()) {
          return lines.get(i).strip();
        }
      }
      return "no output";
    } catch (IOException e) {
      return "no log";
    }
  }

  /**
   * Whether {@code pid} is alive and is a node serving {@code home}, not a process reusing the id.
   */
  static boolean isNodeProcess(long pid, Path home) {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty() || !handle.get().isAlive()) {
      return false;
    }
    Optional<String[]> args = handle.get().info().arguments();
    if (args.isEmpty()) {
      return true;
    }
    String target = home.toAbsolutePath().toString();
    for (String arg : args.get()) {
      if (arg.equals(target)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
      socket.setReuseAddress(true);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort(Set<Integer> taken) {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
        int port = socket.getLocalPort();
        if (!taken.contains(port)) {
          return port;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot find a free port on " + HOST, e);
      }
    }
    throw new QuarryException(ErrorCode.IO_ERROR, "No free port on " + HOST);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QuarryException(ErrorCode.QUERY_CANCELLED, "Interrupted");
    }
  }
}
