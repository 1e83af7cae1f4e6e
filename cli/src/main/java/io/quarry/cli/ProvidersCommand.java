package io.quarry.cli;

import io.quarry.cid.Cid;
import io.quarry.node.cluster.ClusterClient;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.placement.Provider;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Lists the live nodes that hold a CID, as the contacted node knows them from provider records. */
@Command(
    name = "providers",
    description = {
      "List the live nodes holding CID (a dataset root or a shard), one line each: PeerId and"
          + " address.",
      "Asks the node at --connect, which knows its peers' provider records from gossip."
    })
final class ProvidersCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(index = "0", paramLabel = "CID", description = "The CID to look up.")
  String cid;

  @Option(
      names = "--connect",
      paramLabel = "HOST:PORT",
      required = true,
      description = "A running node (quarry serve, quarry cluster up).")
  String connect;

  ProvidersCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    Cid parsed = Cid.parse(cid);
    NodeAddress address = NodeAddress.parse(connect);
    try (ClusterClient client = new ClusterClient()) {
      List<Provider> providers = client.providers(address, parsed);
      for (Provider p : providers) {
        context.out().println(p.peerId() + " " + p.address());
      }
      if (providers.isEmpty()) {
        context.err().println("no live node holds " + parsed);
        return ErrorReporter.USER_ERROR;
      }
    }
    return ErrorReporter.OK;
  }
}
