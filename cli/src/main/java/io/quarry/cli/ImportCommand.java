package io.quarry.cli;

import io.quarry.connectors.dataset.DatasetManifest;
import io.quarry.connectors.dataset.ShardInfo;
import io.quarry.connectors.importer.DatasetImporter;
import io.quarry.connectors.importer.ImportOptions;
import io.quarry.connectors.importer.ImportResult;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.node.cluster.ClusterClient;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.placement.ImportOutcome;
import io.quarry.node.placement.ImportRequest;
import io.quarry.store.Store;
import io.quarry.types.ByteSize;
import io.quarry.types.DataType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Imports CSV, Parquet and JSON Lines files or folders as a new version of a dataset. */
@Command(
    name = "import",
    description = {
      "Import CSV, Parquet or JSON Lines files (or folders of them) as a dataset version.",
      "CSV needs a header line; column types are inferred unless --type says otherwise. Rows go"
          + " into Parquet shards stored as UnixFS files; the dataset's root is a UnixFS directory"
          + " of them. The same input gives the same root CID.",
      "The last line on stdout is the new root CID; a summary and, for large inputs, progress go"
          + " to stderr."
    })
final class ImportCommand implements Callable<Integer> {
  private static final Duration TIMEOUT = Duration.ofHours(1);

  private final CliContext context;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders to import.")
  List<Path> paths;

  @Option(names = "--name", required = true, paramLabel = "NAME", description = "Dataset name.")
  String name;

  @Option(
      names = "--append",
      description =
          "Add the rows to an existing dataset as a new version; the shards it already"
              + " has keep their CIDs. Without it, NAME must be new.")
  boolean append;

  @Option(
      names = "--shard-rows",
      paramLabel = "N",
      description = "Rows per shard (default: ${DEFAULT-VALUE}).")
  long shardRows = ImportOptions.DEFAULT_SHARD_ROWS;

  @Option(
      names = "--shard-size",
      paramLabel = "SIZE",
      description =
          "A shard also ends when its Parquet data reaches this size, such as 128MB (default:"
              + " 512MB; at least 1MB).")
  String shardSize;

  @Option(
      names = "--type",
      paramLabel = "COL=TYPE",
      split = ",(?![^(]*\\))",
      splitSynopsisLabel = ",",
      description = "Override inferred column types, e.g. --type zip=VARCHAR,fare=DECIMAL(8,2).")
  List<String> types = new ArrayList<>();

  @Option(
      names = "--connect",
      paramLabel = "HOST:PORT",
      description =
          "Import through a running node (quarry serve, quarry cluster up), which reads the"
              + " PATHs itself and places each shard on --replicas live nodes.")
  String connect;

  @Option(
      names = "--replicas",
      paramLabel = "R",
      description = "Copies of each shard across the cluster (needs --connect; default 1).")
  Integer replicas;

  ImportCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (shardRows < 1) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT, "--shard-rows must be at least 1, got " + shardRows);
    }
    long shardBytes = shardBytes();
    if (connect != null) {
      return importThroughNode(shardBytes);
    }
    if (replicas != null) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT,
          "--replicas " + replicas + " needs --connect HOST:PORT: replicas are placed on the nodes"
              + " of a running cluster");
    }
    ImportOptions options =
        new ImportOptions(name, append, shardRows, shardBytes, TypeParser.overrides(types));
    ImportResult result;
    try (Store store = context.openStore();
        ProgressReporter progress =
            new ProgressReporter(context.err(), "import " + name, context.stderrTerminal())) {
      result = DatasetImporter.run(store, paths, options, progress::update);
    }
    DatasetManifest manifest = result.manifest();
    long bytes = manifest.shards().stream().mapToLong(ShardInfo::bytes).sum();
    context
        .err()
        .printf(
            "%s version %d: %d rows, %d columns, %d %s (%s)%n",
            name,
            result.version().version(),
            manifest.rows(),
            manifest.columns().size(),
            manifest.shards().size(),
            manifest.shards().size() == 1 ? "shard" : "shards",
            Sizes.bytes(bytes));
    context.out().println(result.version().root());
    return ErrorReporter.OK;
  }

  private long shardBytes() {
    if (shardSize == null) {
      return ImportOptions.DEFAULT_SHARD_BYTES;
    }
    long bytes;
    try {
      bytes = ByteSize.parse(shardSize);
    } catch (IllegalArgumentException e) {
      throw new QuarryException(ErrorCode.INVALID_ARGUMENT, "--shard-size: " + e.getMessage());
    }
    if (bytes < ImportOptions.MIN_SHARD_BYTES) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT, "--shard-size must be at least 1MB, got " + shardSize);
    }
    return bytes;
  }

  /** Has the node at --connect import the files and place their shards over the cluster. */
  private int importThroughNode(long shardBytes) throws InterruptedException {
    int copies = replicas == null ? 1 : replicas;
    if (copies < 1) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT, "--replicas must be at least 1, got " + copies);
    }
    Map<String, DataType> overrides = TypeParser.overrides(types);
    NodeAddress address = NodeAddress.parse(connect);
    List<String> absolute =
        paths.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
    ImportOutcome outcome;
    try (ClusterClient client = new ClusterClient()) {
      outcome =
          client.importAndPlace(
              address,
              new ImportRequest(absolute, name, append, shardRows, copies, overrides, shardBytes),
              TIMEOUT);
    }
    Set<String> nodes = new TreeSet<>();
    outcome.shards().forEach(s -> nodes.addAll(s.holders()));
    context
        .err()
        .printf(
            "%s version %d: %d rows, %d %s, %d %s each on %d %s%n",
            outcome.name(),
            outcome.version(),
            outcome.rows(),
            outcome.shards().size(),
            outcome.shards().size() == 1 ? "shard" : "shards",
            copies,
            copies == 1 ? "copy" : "copies",
            nodes.size(),
            nodes.size() == 1 ? "node" : "nodes");
    context.out().println(outcome.root());
    return ErrorReporter.OK;
  }
}
