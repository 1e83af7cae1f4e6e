package io.quarry.cli;

import io.quarry.error.QuarryException;
import io.quarry.node.cluster.ClusterClient;
import io.quarry.node.cluster.Member;
import io.quarry.node.server.JavaCommand;
import io.quarry.node.server.LocalCluster;
import io.quarry.node.server.LocalCluster.NodeHandle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A local cluster of node processes on 127.0.0.1, each with its own store under one directory. */
@Command(
    name = "cluster",
    description = "Start, inspect and stop a local cluster of node processes on 127.0.0.1.",
    subcommands = {ClusterCommand.Up.class, ClusterCommand.Status.class, ClusterCommand.Down.class})
final class ClusterCommand implements Runnable {
  private final CliContext context;

  ClusterCommand(CliContext context) {
    this.context = context;
  }

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(context.out());
  }

  static String line(NodeHandle node) {
    return node.peerId() + " " + node.address() + " pid=" + node.pid();
  }

  @Command(
      name = "up",
      description = {
        "Start N nodes as separate processes (stores in DIR/node-1 … DIR/node-N, logs in"
            + " DIR/node-i/node.log) and wait until all see each other. Nodes already running are"
            + " kept; a stopped node restarts on its store, with its PeerId and port.",
        "Prints one line per node: PeerId 127.0.0.1:PORT pid=PID."
      })
  static final class Up implements Callable<Integer> {
    private final CliContext context;

    @Option(
        names = "--nodes",
        paramLabel = "N",
        defaultValue = "3",
        description = "Number of nodes (default ${DEFAULT-VALUE}).")
    int nodes;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        required = true,
        description = "Directory of the nodes' stores.")
    Path dir;

    @Option(
        names = "--timeout",
        paramLabel = "SECONDS",
        defaultValue = "60",
        description = "How long to wait for the cluster to form (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    Up(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      int heapPercent = Math.max(5, 50 / Math.max(1, nodes));
      List<String> launcher =
          JavaCommand.of(
              "io.quarry.cli.Main", List.of("-Xss4m", "-XX:MaxRAMPercentage=" + heapPercent));
      List<NodeHandle> up =
          new LocalCluster(dir, launcher).up(nodes, Duration.ofSeconds(timeoutSeconds));
      for (NodeHandle node : up) {
        context.out().println(line(node));
      }
      return ErrorReporter.OK;
    }
  }

  @Command(
      name = "status",
      description =
          "One line per node: PeerId, address, pid, whether it runs, and how many members it sees"
              + " alive.")
  static final class Status implements Callable<Integer> {
    private final CliContext context;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        required = true,
        description = "Directory of the nodes' stores.")
    Path dir;

    Status(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws Exception {
      List<NodeHandle> nodes = new LocalCluster(dir, List.of()).nodes();
      if (nodes.isEmpty()) {
        context.out().println("no nodes in " + dir.toAbsolutePath());
        return ErrorReporter.OK;
      }
      try (ClusterClient client = new ClusterClient()) {
        for (NodeHandle node : nodes) {
          String state;
          if (!node.running()) {
            state = "stopped";
          } else {
            try {
              List<Member> members = client.members(node.address(), Duration.ofSeconds(2));
              long alive = members.stream().filter(Member::alive).count();
              state = "running members=" + alive + "/" + members.size();
            } catch (QuarryException e) {
              state = "unreachable";
            }
          }
          context.out().println(line(node) + " " + state);
        }
      }
      return ErrorReporter.OK;
    }
  }

  @Command(
      name = "down",
      description = "Stop every node of the cluster (SIGTERM, then SIGKILL after 10 s).")
  static final class Down implements Callable<Integer> {
    private final CliContext context;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        required = true,
        description = "Directory of the nodes' stores.")
    Path dir;

    Down(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      List<NodeHandle> stopped = new LocalCluster(dir, List.of()).down(Duration.ofSeconds(10));
      for (NodeHandle node : stopped) {
        context.out().println("stopped " + line(node));
      }
      if (stopped.isEmpty()) {
        context.out().println("no running nodes in " + dir.toAbsolutePath());
      }
      return ErrorReporter.OK;
    }
  }
}
