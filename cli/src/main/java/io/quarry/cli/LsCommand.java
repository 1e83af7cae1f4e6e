package io.quarry.cli;

import io.quarry.catalog.DatasetVersion;
import io.quarry.catalog.Datasets;
import io.quarry.cli.output.TextTable;
import io.quarry.connectors.dataset.DatasetManifest;
import io.quarry.connectors.dataset.DatasetManifests;
import io.quarry.connectors.dataset.ShardInfo;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.store.Store;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Lists datasets, or one dataset's versions and the shards of its latest version. */
@Command(
    name = "ls",
    description = {
      "List datasets, or one dataset's versions and shards.",
      "Without NAME: every dataset with its latest version, root CID, rows and shards.",
      "With NAME: its versions, then the latest version's shards (CID, rows, size)."
    })
final class LsCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final CliContext context;

  @Parameters(arity = "0..1", paramLabel = "NAME", description = "A dataset.")
  String name;

  LsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    try (Store store = context.openStore()) {
      if (name == null) {
        listDatasets(store);
      } else {
        listDataset(store, name);
      }
    }
    return ErrorReporter.OK;
  }

  private void listDatasets(Store store) {
    Datasets datasets = store.datasets();
    List<String> names = datasets.names();
    if (names.isEmpty()) {
      context
          .err()
          .printf(
              "no datasets in %s yet: try 'quarry demo' or 'quarry import FILE --name NAME'%n",
              context.home());
      return;
    }
    List<String[]> rows = new ArrayList<>();
    for (String dataset : names) {
      DatasetVersion latest = datasets.latest(dataset).orElseThrow();
      String rowCount = "?";
      String shards = "?";
      String bytes = "?";
      try {
        DatasetManifest manifest = DatasetManifests.load(store, latest.root());
        rowCount = Long.toString(manifest.rows());
        shards = Integer.toString(manifest.shards().size());
        bytes = Sizes.bytes(manifest.shards().stream().mapToLong(ShardInfo::bytes).sum());
      } catch (QuarryException e) {
        // A root that is not a table (e.g. an arbitrary CAR) still lists; its counts stay unknown.
      }
      rows.add(
          new String[] {
            dataset,
            Integer.toString(latest.version()),
            latest.root().toString(),
            rowCount,
            shards,
            bytes
          });
    }
    TextTable.print(
        context.out(),
        List.of("dataset", "version", "root", "rows", "shards", "size"),
        new boolean[] {false, true, false, true, true, true},
        rows);
  }

  private void listDataset(Store store, String dataset) {
    List<DatasetVersion> history = store.datasets().history(dataset);
    if (history.isEmpty()) {
      throw new QuarryException(
          ErrorCode.NOT_FOUND,
          "no dataset named '"
              + dataset
              + "' in "
              + context.home()
              + " (datasets: "
              + (store.datasets().names().isEmpty()
                  ? "none"
                  : String.join(", ", store.datasets().names()))
              + ")");
    }
    List<String[]> versions = new ArrayList<>();
    for (DatasetVersion version : history) {
      versions.add(
          new String[] {
            Integer.toString(version.version()),
            version.root().toString(),
            TIME.format(version.createdAt().truncatedTo(ChronoUnit.SECONDS))
          });
    }
    TextTable.print(
        context.out(),
        List.of("version", "root", "created"),
        new boolean[] {true, false, false},
        versions);

    DatasetVersion latest = history.get(history.size() - 1);
    DatasetManifest manifest = DatasetManifests.load(store, latest.root());
    context.out().println();
    context
        .out()
        .printf(
            "version %d: %d rows in %d %s (%s)%n",
            latest.version(),
            manifest.rows(),
            manifest.shards().size(),
            manifest.shards().size() == 1 ? "shard" : "shards",
            Sizes.bytes(manifest.shards().stream().mapToLong(ShardInfo::bytes).sum()));
    printWrapped(
        "columns: ",
        manifest.columns().stream().map(c -> c.name() + " " + c.type().sqlName()).toList());
    List<String[]> shards = new ArrayList<>();
    for (ShardInfo shard : manifest.shards()) {
      shards.add(
          new String[] {
            shard.name(),
            shard.cid().toString(),
            Long.toString(shard.rows()),
            Sizes.bytes(shard.bytes())
          });
    }
    TextTable.print(
        context.out(),
        List.of("shard", "cid", "rows", "size"),
        new boolean[] {false, false, true, true},
        shards);
  }

  /** Prints comma-separated items after a label, wrapped under it at about 100 columns. */
  private void printWrapped(String label, List<String> items) {
    StringBuilder line = new StringBuilder(label);
    String indent = " ".repeat(label.length());
    for (int i = 0; i < items.size(); i++) {
      String item = items.get(i) + (i < items.size() - 1 ? "," : "");
      if (line.length() > indent.length() && line.length() + 1 + item.length() > 100) {
        context.out().println(line.toString().stripTrailing());
        line.setLength(0);
        line.append(indent);
      } else if (line.length() > label.length()) {
        line.append(' ');
      }
      line.append(item);
    }
    context.out().println(line);
  }
}
