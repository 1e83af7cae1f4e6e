package io.quarry.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarry.cli.output.TextTable;
import io.quarry.node.cluster.ClusterClient;
import io.quarry.node.cluster.ClusterWire;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.placement.DatasetListing;
import io.quarry.node.placement.PlacementService;
import io.quarry.store.Store;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final CliContext context;

  @Parameters(arity = "0..1", paramLabel = "NAME", description = "A dataset.")
  String name;

  @Option(
      names = "--connect",
      paramLabel = "HOST:PORT",
      description = "List the datasets of a running node instead of the local store.")
  String connect;

  LsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (connect != null) {
      NodeAddress address = NodeAddress.parse(connect);
      try (ClusterClient client = new ClusterClient()) {
        byte[] body = (name == null ? "" : name).getBytes(StandardCharsets.UTF_8);
        byte[] answer = client.call(address, PlacementService.LISTING, body, TIMEOUT);
        if (name == null) {
          printSummaries(
              ClusterWire.read(answer, new TypeReference<List<DatasetListing.Summary>>() {}),
              "node " + address);
        } else {
          printDetail(ClusterWire.read(answer, new TypeReference<DatasetListing.Detail>() {}));
        }
      }
      return ErrorReporter.OK;
    }
    try (Store store = context.openStore()) {
      if (name == null) {
        printSummaries(DatasetListing.summaries(store), context.home().toString());
      } else {
        printDetail(
            DatasetListing.detail(store, name)
                .orElseThrow(
                    () -> DatasetListing.unknown(store, name, "in " + context.home())));
      }
    }
    return ErrorReporter.OK;
  }

  private void printSummaries(List<DatasetListing.Summary> summaries, String where) {
    if (summaries.isEmpty()) {
      context
          .err()
          .printf(
              "no datasets in %s yet: try 'quarry demo' or 'quarry import FILE --name NAME'%n",
              where);
      return;
    }
    List<String[]> rows = new ArrayList<>();
    for (DatasetListing.Summary s : summaries) {
      rows.add(
          new String[] {
            s.name(),
            Integer.toString(s.version()),
            s.root(),
            s.rows() == null ? "?" : Long.toString(s.rows()),
            s.shards() == null ? "?" : Integer.toString(s.shards()),
            s.bytes() == null ? "?" : Sizes.bytes(s.bytes())
          });
    }
    TextTable.print(
        context.out(),
        List.of("dataset", "version", "root", "rows", "shards", "size"),
        new boolean[] {false, true, false, true, true, true},
        rows);
  }

  private void printDetail(DatasetListing.Detail detail) {
    List<String[]> versions = new ArrayList<>();
    for (DatasetListing.Version v : detail.versions()) {
      versions.add(
          new String[] {
            Integer.toString(v.version()),
            v.root(),
            TIME.format(Instant.parse(v.createdAt()).truncatedTo(ChronoUnit.SECONDS))
          });
    }
    TextTable.print(
        context.out(),
        List.of("version", "root", "created"),
        new boolean[] {true, false, false},
        versions);

    DatasetListing.Version latest = detail.versions().get(detail.versions().size() - 1);
    long bytes = detail.shards().stream().mapToLong(DatasetListing.Shard::bytes).sum();
    context.out().println();
    context
        .out()
        .printf(
            "version %d: %d rows in %d %s (%s)%n",
            latest.version(),
            detail.rows(),
            detail.shards().size(),
            detail.shards().size() == 1 ? "shard" : "shards",
            Sizes.bytes(bytes));
    printWrapped("columns: ", detail.columns());
    List<String[]> shards = new ArrayList<>();
    for (DatasetListing.Shard shard : detail.shards()) {
      shards.add(
          new String[] {
            shard.name(), shard.cid(), Long.toString(shard.rows()), Sizes.bytes(shard.bytes())
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
