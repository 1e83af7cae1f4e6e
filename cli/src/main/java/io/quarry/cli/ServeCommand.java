package io.quarry.cli;

import io.quarry.cache.ResultCache;
import io.quarry.cache.ResultCacheConfig;
import io.quarry.cache.schedule.ScheduleStore;
import io.quarry.cache.schedule.Scheduler;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.security.NodeSecurity;
import io.quarry.node.server.NodeConfig;
import io.quarry.node.server.QuarryNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs a node over the store in --home until the process is stopped. */
@Command(
    name = "serve",
    description = {
      "Run a node over the store in --home: Arrow Flight SQL for clients, heartbeats and data"
          + " exchange for peers. Runs due schedules (quarry schedule add). Stops on SIGTERM or"
          + " Ctrl-C.",
      "Prints one line when it listens: its PeerId and address."
    })
final class ServeCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      defaultValue = "127.0.0.1:7733",
      description =
          "Address of the Flight server (port 0 picks a free port; default ${DEFAULT-VALUE}).")
  String listen;

  @Option(
      names = "--peers",
      paramLabel = "HOST:PORT,…",
      description = "Seed peers to join the cluster through; members are learned from them.")
  String peers;

  @Option(
      names = "--advertise",
      paramLabel = "HOST:PORT",
      description =
          "Address peers reach this node at, when not the listen address (needed with --listen"
              + " 0.0.0.0:PORT).")
  String advertise;

  @Option(
      names = "--security",
      paramLabel = "DIR",
      description =
          "The node's security material (quarry cluster cert): serve TLS, require the cluster's"
              + " token and admit only cluster members. Default: HOME/security when it exists,"
              + " else plaintext.")
  Path security;

  ServeCommand(CliContext context) {
    this.context = context;
  }

  private Path securityDir() {
    if (security != null) {
      if (!Files.isDirectory(security)) {
        throw new QuarryException(
            ErrorCode.INVALID_ARGUMENT,
            "--security " + security.toAbsolutePath() + " is not a directory");
      }
      return security.toAbsolutePath();
    }
    Path fallback = NodeSecurity.defaultDir(context.home());
    return Files.isDirectory(fallback) ? fallback : null;
  }

  @Override
  public Integer call() throws Exception {
    NodeConfig config =
        new NodeConfig(
            context.home(),
            NodeAddress.parse(listen),
            NodeAddress.parseList(peers),
            NodeConfig.DEFAULT_HEARTBEAT,
            NodeConfig.DEFAULT_DEAD_AFTER,
            VersionProvider.version(),
            advertise == null ? null : NodeAddress.parse(advertise),
            securityDir());
    QuarryNode node =
        QuarryNode.start(
            config,
            line -> {
              context.out().println(Instant.now() + " " + line);
              context.out().flush();
            });
    // Recurring queries (quarry schedule add) run on the node while it serves.
    Scheduler scheduler =
        new Scheduler(
            new ScheduleStore(context.home()),
            new ScheduledQueryExecutor(
                node.store(),
                ResultCache.open(node.store(), ResultCacheConfig.DEFAULTS),
                node.shardResolver(),
                node.fragmentRunner()));
    scheduler.start();
    Thread hook =
        new Thread(
            () -> {
              scheduler.stop();
              node.close();
            },
            "quarry-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    context
        .out()
        .println(
            node.peerId()
                + " "
                + node.address()
                + " pid="
                + ProcessHandle.current().pid()
                + (node.secured() ? " tls=on token=required" : ""));
    context.out().flush();
    node.awaitTermination();
    return ErrorReporter.OK;
  }
}
