package io.quarry.bench;

import io.quarry.catalog.DatasetVersion;
import io.quarry.cid.Cid;
import io.quarry.connectors.dataset.DatasetManifest;
import io.quarry.connectors.dataset.DatasetManifests;
import io.quarry.connectors.dataset.ShardInfo;
import io.quarry.connectors.importer.DatasetImporter;
import io.quarry.connectors.importer.ImportOptions;
import io.quarry.connectors.importer.ImportProgress;
import io.quarry.connectors.importer.ImportResult;
import io.quarry.store.Store;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The TPC-H tables imported as Quarry datasets in the store {@code <sf dir>/store}, with the
 * whole-file copies of their shards, which DuckDB reads so both engines scan the same bytes. An
 * import is kept and reused while a marker lists the root CID of every table and the store still
 * has them as the latest versions; otherwise the store is rebuilt.
 */
public record TpchDatasets(
    Path storeHome, Map<String, Cid> roots, Map<String, List<Path>> shardFiles) {
  static final String MARKER = "_IMPORTED";

  public TpchDatasets {
    roots = Map.copyOf(roots);
    shardFiles = Map.copyOf(shardFiles);
  }

  public static TpchDatasets prepare(TpchData data, PrintStream out) throws IOException {
    Path home = data.directory().resolve("store");
    Path marker = data.directory().resolve(MARKER);
    Map<String, Cid> recorded = readMarker(marker);
    if (!recorded.isEmpty()) {
      try (Store store = Store.open(home)) {
        if (matches(store, recorded, data)) {
          out.println("TPC-H datasets (already imported):");
          return resolve(store, home, recorded, out, null);
        }
      }
    }
    Files.deleteIfExists(marker);
    Directories.delete(home);
    Map<String, Cid> roots = new LinkedHashMap<>();
    Map<String, Long> bytes = new LinkedHashMap<>();
    long start = System.nanoTime();
    try (Store store = Store.open(home)) {
      for (Map.Entry<String, List<Path>> t : data.files().entrySet()) {
        ImportResult result =
            DatasetImporter.run(
                store,
                t.getValue(),
                new ImportOptions(t.getKey(), false, ImportOptions.DEFAULT_SHARD_ROWS, Map.of()),
                ImportProgress.NONE);
        roots.put(t.getKey(), result.version().root());
        bytes.put(t.getKey(), Directories.size(t.getValue()));
      }
      writeMarker(marker, roots);
      out.printf("TPC-H datasets (imported in %.1f s):%n", (System.nanoTime() - start) / 1e9);
      return resolve(store, home, roots, out, bytes);
    }
  }

  private static boolean matches(Store store, Map<String, Cid> recorded, TpchData data) {
    if (!recorded.keySet().equals(data.files().keySet())) {
      return false;
    }
    for (Map.Entry<String, Cid> e : recorded.entrySet()) {
      Optional<DatasetVersion> latest = store.datasets().latest(e.getKey());
      if (latest.isEmpty() || !latest.get().root().equals(e.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static TpchDatasets resolve(
      Store store, Path home, Map<String, Cid> roots, PrintStream out, Map<String, Long> bytes) {
    Map<String, List<Path>> shardFiles = new LinkedHashMap<>();
    for (Map.Entry<String, Cid> e : roots.entrySet()) {
      DatasetManifest manifest = DatasetManifests.load(store, e.getValue());
      List<Path> files = new ArrayList<>();
      for (ShardInfo shard : manifest.shards()) {
        files.add(store.wholeFile(shard.cid()));
      }
      shardFiles.put(e.getKey(), files);
      out.printf(
          "  %-9s %s  %,d rows, %d shard%s%n",
          e.getKey(), e.getValue(), manifest.rows(), files.size(), files.size() == 1 ? "" : "s");
    }
    return new TpchDatasets(home, roots, shardFiles);
  }

  private static Map<String, Cid> readMarker(Path marker) throws IOException {
    Map<String, Cid> roots = new LinkedHashMap<>();
    if (!Files.exists(marker)) {
      return roots;
    }
    for (String line : Files.readAllLines(marker, StandardCharsets.UTF_8)) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length == 2) {
        try {
          roots.put(parts[0], Cid.parse(parts[1]));
        } catch (RuntimeException e) {
          return new LinkedHashMap<>();
        }
      }
    }
    return roots;
  }

  private static void writeMarker(Path marker, Map<String, Cid> roots) throws IOException {
    StringBuilder s = new StringBuilder();
    roots.forEach((name, cid) -> s.append(name).append(' ').append(cid).append('\n'));
    Files.writeString(marker, s.toString(), StandardCharsets.UTF_8);
  }
}
