package io.quarry.cli;

import io.quarry.error.QuarryException;
import io.quarry.node.cluster.ClusterClient;
import io.quarry.node.cluster.Member;
import io.quarry.node.identity.NodeIdentity;
import io.quarry.node.identity.PeerId;
import io.quarry.node.security.ClusterAuthority;
import io.quarry.node.security.NodeSecurity;
import io.quarry.node.server.JavaCommand;
import io.quarry.node.server.LocalCluster;
import io.quarry.node.server.LocalCluster.NodeHandle;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
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
    subcommands = {
      ClusterCommand.Init.class,
      ClusterCommand.Cert.class,
      ClusterCommand.Up.class,
      ClusterCommand.Status.class,
      ClusterCommand.Down.class
    })
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
      name = "init",
      description = {
        "Create the cluster's security material in DIR/cluster: a CA (EC P-256) that signs node"
            + " certificates, a membership key that signs members' PeerIds, and a client token."
            + " Private keys and the token are readable by the owner only.",
        "After init, cluster up starts nodes with TLS and token auth; only members of the"
            + " cluster may join it."
      })
  static final class Init implements Callable<Integer> {
    private final CliContext context;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        required = true,
        description = "Directory of the cluster (the material goes to DIR/cluster).")
    Path dir;

    @Option(names = "--force", description = "Replace existing material.")
    boolean force;

    Init(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      ClusterAuthority authority = ClusterAuthority.init(dir, force);
      Path d = authority.dir();
      context
          .out()
          .println(
              "created "
                  + d.resolve(ClusterAuthority.CA_CERT)
                  + " (cluster CA, EC P-256, valid until "
                  + authority.caCertificate().getNotAfter().toInstant()
                  + ")");
      context.out().println("created " + d.resolve(ClusterAuthority.CA_KEY) + " (owner only)");
      context
          .out()
          .println("created " + d.resolve(ClusterAuthority.MEMBERSHIP_KEY) + " (owner only)");
      context.out().println("created " + d.resolve(ClusterAuthority.MEMBERSHIP_PUB));
      context
          .out()
          .println("created " + d.resolve(ClusterAuthority.TOKEN) + " (client token, owner only)");
      context.out().println("CA fingerprint SHA-256 " + authority.caFingerprint());
      return ErrorReporter.OK;
    }
  }

  @Command(
      name = "cert",
      description = {
        "Issue a node's security material from the cluster in DIR: a TLS certificate for --host"
            + " (and 127.0.0.1, localhost) signed by the cluster CA, and the membership credential"
            + " of the node's PeerId (the identity in --home, created if absent). Written to"
            + " --out, by default HOME/security, which quarry serve then uses."
      })
  static final class Cert implements Callable<Integer> {
    private final CliContext context;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        required = true,
        description = "Directory of the cluster (quarry cluster init --dir DIR).")
    Path dir;

    @Option(
        names = "--host",
        paramLabel = "HOST,…",
        required = true,
        split = ",",
        description = "Host names or IP addresses the node is reached at.")
    List<String> hosts;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        description = "Where to write the material (default: HOME/security).")
    Path out;

    Cert(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      ClusterAuthority authority = ClusterAuthority.load(dir);
      Path home = context.home();
      PeerId peerId = NodeIdentity.loadOrCreate(home).peerId();
      Path target = out != null ? out.toAbsolutePath() : NodeSecurity.defaultDir(home);
      X509Certificate cert = authority.issueNode(target, peerId, hosts);
      context
          .out()
          .println(
              "issued "
                  + target.resolve(NodeSecurity.NODE_CERT)
                  + " for "
                  + peerId
                  + " (hosts "
                  + String.join(", ", ClusterAuthority.hostsOf(cert))
                  + "; valid until "
                  + cert.getNotAfter().toInstant()
                  + ")");
      context
          .out()
          .println("start it with: quarry --home " + home + " serve --security " + target + " …");
      return ErrorReporter.OK;
    }
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
      LocalCluster cluster = new LocalCluster(dir, List.of());
      List<NodeHandle> nodes = cluster.nodes();
      if (nodes.isEmpty()) {
        context.out().println("no nodes in " + dir.toAbsolutePath());
        return ErrorReporter.OK;
      }
      try (ClusterClient client = new ClusterClient(cluster.clientSecurity())) {
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
