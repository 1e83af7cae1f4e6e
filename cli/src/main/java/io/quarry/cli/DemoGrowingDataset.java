package io.quarry.cli;

import static java.util.Objects.requireNonNull;

import io.quarry.catalog.DatasetVersion;
import io.quarry.cid.Cid;
import io.quarry.connectors.importer.DatasetImporter;
import io.quarry.connectors.importer.ImportOptions;
import io.quarry.connectors.importer.ImportProgress;
import io.quarry.connectors.importer.ImportResult;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.store.Store;
import io.quarry.unixfs.ImportProfile;
import io.quarry.unixfs.UnixFsWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's dataset that grows: 'trips_live' is the sample's first {@link #FIRST_ROWS} trips as
 * version 1, and all of them once the rest is appended as version 2, in shards of the sample's
 * size. A marker in the store records the version the demo made, so a later run leaves it alone.
 */
final class DemoGrowingDataset {
  static final String NAME = "trips_live";
  static final int FIRST_ROWS = 4000;
  static final String QUERY =
      "SELECT payment, COUNT(*) AS trips, SUM(fare) AS fares FROM trips_live GROUP BY payment"
          + " ORDER BY payment";
  private static final long SHARD_ROWS = 1000;

  private final Store store;
  private final CliContext context;
  private final byte[] csv;
  private final Path marker;
  private final Cid source;

  DemoGrowingDataset(Store store, CliContext context, byte[] csv) {
    this.store = requireNonNull(store, "store is null");
    this.context = requireNonNull(context, "context is null");
    this.csv = requireNonNull(csv, "csv is null");
    this.marker = context.home().resolve("demo").resolve(NAME + ".imported");
    this.source =
        UnixFsWriter.writeFile(new ByteArrayInputStream(csv), ImportProfile.UNIXFS_V1_2025, b -> {});
  }

  /**
   * Imports the first trips as version 1 unless the demo made the dataset before; true when the
   * rest is still to be appended (the dataset is at version 1).
   */
  boolean ensureFirstVersion() throws IOException {
    Optional<DatasetVersion> latest = store.datasets().latest(NAME);
    if (latest.isPresent()) {
      if (!ours(latest.get())) {
        throw new QuarryException(
            ErrorCode.INVALID_ARGUMENT,
            "the store in " + context.home() + " already has a dataset '" + NAME + "' that is not"
                + " the demo's; run the demo on another store, e.g. 'quarry demo --home"
                + " /tmp/quarry-demo'");
      }
      print(latest.get(), "already imported, version");
      return latest.get().version() == 1;
    }
    ImportResult result = importRows(0, FIRST_ROWS, false);
    print(result.version(), "imported " + result.manifest().rows() + " rows as version");
    return true;
  }

  /** Appends the trips after the first ones as the next version. */
  void appendTheRest() throws IOException {
    ImportResult result = importRows(FIRST_ROWS, Integer.MAX_VALUE, true);
    long added = result.manifest().rows() - FIRST_ROWS;
    print(result.version(), "appended " + added + " rows as version");
  }

  private boolean ours(DatasetVersion latest) throws IOException {
    if (!Files.isRegularFile(marker)) {
      return false;
    }
    String[] recorded = Files.readString(marker, StandardCharsets.UTF_8).strip().split(" ");
    return recorded.length == 2
        && recorded[0].equals(source.toString())
        && recorded[1].equals(latest.root().toString());
  }

  /** Imports data rows {@code [from, to)} of the sample, with its header. */
  private ImportResult importRows(int from, int to, boolean append) throws IOException {
    List<String> lines = new String(csv, StandardCharsets.UTF_8).lines().toList();
    List<String> rows = lines.subList(1 + from, (int) Math.min(lines.size(), 1L + to));
    Path dir = Files.createTempDirectory("quarry-demo");
    Path file = dir.resolve(NAME + ".csv");
    try {
      Files.writeString(file, lines.get(0) + "\n" + String.join("\n", rows) + "\n");
      ImportResult result =
          DatasetImporter.run(
              store,
              List.of(file),
              new ImportOptions(NAME, append, SHARD_ROWS, Map.of()),
              ImportProgress.NONE);
      Files.createDirectories(marker.getParent());
      Files.writeString(marker, source + " " + result.version().root() + "\n", StandardCharsets.UTF_8);
      return result;
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  private void print(DatasetVersion version, String what) {
    context
        .out()
        .printf("  %s  %s  (%s %d)%n", NAME, version.root(), what, version.version());
  }
}
