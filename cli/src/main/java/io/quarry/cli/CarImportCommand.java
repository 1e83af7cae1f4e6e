package io.quarry.cli;

import io.quarry.car.CarImporter;
import io.quarry.catalog.DatasetVersion;
import io.quarry.cid.Cid;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.node.cluster.ClusterClient;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.store.Store;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Reads a CAR v1 file into the store, verifying every block; prints its roots. */
@Command(
    name = "import",
    description = {
      "Read a CAR v1 file into the store, verifying every block; a bad or truncated CAR is"
          + " refused and nothing from it is kept.",
      "Prints the CAR's root CIDs, one per line."
    })
final class CarImportCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "FILE.car", description = "The CAR file; - reads stdin.")
  String file;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description =
          "Also record the root as the next version of dataset NAME"
              + " (e.g. a folder of Parquet files packed by ipfs-car).")
  String name;

  @Option(
      names = "--connect",
      paramLabel = "HOST:PORT",
      description =
          "Send the CAR's DAG to a running node (verified here, then by the node) instead of the"
              + " local store; --name then names it there.")
  String connect;

  CarImportCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    if (connect != null) {
      return importThroughNode(NodeAddress.parse(connect));
    }
    List<Cid> roots;
    try (Store store = context.openStore()) {
      roots = read(store);
      if (name != null) {
        if (roots.size() != 1) {
          throw new QuarryException(
              ErrorCode.INVALID_ARGUMENT,
              file + " has " + roots.size() + " roots; --name needs a CAR with exactly one");
        }
        DatasetVersion version = store.datasets().append(name, roots.get(0));
        context.err().printf("%s is now version %d of %s%n", roots.get(0), version.version(), name);
      }
    }
    for (Cid root : roots) {
      context.out().println(root);
    }
    return ErrorReporter.OK;
  }

  private int importThroughNode(NodeAddress address) throws IOException {
    List<Cid> roots;
    try (TransferStore transfer = new TransferStore();
        ClusterClient client = new ClusterClient()) {
      roots = read(transfer.store());
      if (name != null && roots.size() != 1) {
        throw new QuarryException(
            ErrorCode.INVALID_ARGUMENT,
            file + " has " + roots.size() + " roots; --name needs a CAR with exactly one");
      }
      for (Cid root : roots) {
        client.pushDag(address, root, transfer.store());
      }
      if (name != null) {
        int version = client.name(address, name, roots.get(0), Duration.ofMinutes(1));
        context
            .err()
            .printf("%s is now version %d of %s on %s%n", roots.get(0), version, name, address);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QuarryException(ErrorCode.IO_ERROR, "interrupted", e);
    }
    for (Cid root : roots) {
      context.out().println(root);
    }
    return ErrorReporter.OK;
  }

  private List<Cid> read(Store store) throws IOException {
    if (file.equals("-")) {
      return CarImporter.importCar(new BufferedInputStream(context.in(), 1 << 16), store.blocks());
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(file)), 1 << 16)) {
      return CarImporter.importCar(in, store.blocks());
    }
  }
}
