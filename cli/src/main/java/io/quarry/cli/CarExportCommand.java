package io.quarry.cli;

import io.quarry.car.CarWriter;
import io.quarry.cid.Cid;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.node.cluster.ClusterClient;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.store.AtomicFiles;
import io.quarry.store.Store;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Writes the DAG under a CID, from the store, into a CAR v1 file. */
@Command(
    name = "export",
    description = {
      "Write CID and every block under it to a CAR v1 file (blocks in DAG order).",
      "The file appears only when complete."
    })
final class CarExportCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "CID", description = "Root of the DAG to export.")
  String cid;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "FILE.car",
      description = "Where to write the CAR; - writes to stdout.")
  String output;

  @Option(
      names = "--connect",
      paramLabel = "HOST:PORT",
      description =
          "Export from a running node (which gathers shards other nodes hold) instead of the"
              + " local store.")
  String connect;

  CarExportCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    Cid root = Cid.parse(cid);
    if (connect != null) {
      try (TransferStore transfer = new TransferStore();
          ClusterClient client = new ClusterClient()) {
        client.fetchDag(NodeAddress.parse(connect), root, transfer.store());
        return export(root, transfer.store());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new QuarryException(ErrorCode.IO_ERROR, "interrupted", e);
      }
    }
    try (Store store = context.openStore()) {
      return export(root, store);
    }
  }

  private int export(Cid root, Store store) throws IOException {
    if (output.equals("-")) {
      CarWriter.write(root, store.blocks(), context.out());
      context.out().flush();
      return ErrorReporter.OK;
    }
    Path target = Path.of(output).toAbsolutePath();
    Path dir = target.getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    // A sibling temp file made as any new file is (the umask's mode, not createTempFile's 0600),
    // renamed over the target once complete.
    Path temp = AtomicFiles.tempSibling(target);
    try {
      try (OutputStream out =
          new BufferedOutputStream(
              Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW), 1 << 16)) {
        CarWriter.write(root, store.blocks(), out);
      }
      Files.move(
          temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
    context
        .out()
        .printf("exported %s to %s (%s)%n", root, output, Sizes.bytes(Files.size(target)));
    return ErrorReporter.OK;
  }
}
