package io.quarry.cli;

import io.quarry.car.CarImporter;
import io.quarry.catalog.DatasetVersion;
import io.quarry.cid.Cid;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.store.Store;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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

  CarImportCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    List<Cid> roots;
    try (Store store = context.openStore()) {
      if (file.equals("-")) {
        roots =
            CarImporter.importCar(new BufferedInputStream(context.in(), 1 << 16), store.blocks());
      } else {
        try (InputStream in =
            new BufferedInputStream(Files.newInputStream(Path.of(file)), 1 << 16)) {
          roots = CarImporter.importCar(in, store.blocks());
        }
      }
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
}
