package io.quarry.connectors.dataset;

import io.quarry.cid.Cid;
import io.quarry.connectors.parquet.ShardFooter;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.store.Store;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.unixfs.DirectoryEntry;
import io.quarry.unixfs.UnixFsReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the manifest of a dataset root: the directory's {@code _manifest.json}, or one derived from
 * the Parquet footers of its {@code .parquet} entries (any UnixFS directory of Parquet files is a
 * table). A derived manifest is cached in {@code <home>/manifests/<root>.json}; a root never
 * changes, so neither cache ever goes stale. Loaded manifests are also kept in memory.
 */
public final class DatasetManifests {
  public static final String MANIFEST_NAME = "_manifest.json";
  private static final int MEMORY_ENTRIES = 256;

  private static final Map<String, DatasetManifest> LOADED = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DatasetManifest> eldest) {
          return size() > MEMORY_ENTRIES;
        }
      });

  private DatasetManifests() {}

  public static DatasetManifest load(Store store, Cid root) {
    String key = store.home().toAbsolutePath() + "|" + root.toV1();
    DatasetManifest cached = LOADED.get(key);
    if (cached != null) {
      return cached;
    }
    DatasetManifest manifest = loadUncached(store, root);
    LOADED.put(key, manifest);
    return manifest;
  }

  /**
   * Keeps {@code manifest}, just written as the manifest of {@code root}, so that the first query
   * of the new version in this process does not read it back.
   */
  public static void remember(Store store, Cid root, DatasetManifest manifest) {
    LOADED.put(store.home().toAbsolutePath() + "|" + root.toV1(), manifest);
  }

  private static DatasetManifest loadUncached(Store store, Cid root) {
    UnixFsReader reader = new UnixFsReader(store.blocks());
    if (!reader.isDirectory(root)) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT,
          root + " is not a dataset: it is a file, and a dataset is a UnixFS directory of Parquet files");
    }
    List<DirectoryEntry> entries = reader.listDirectory(root);
    for (DirectoryEntry entry : entries) {
      if (entry.name().equals(MANIFEST_NAME)) {
        byte[] bytes = readAll(reader, entry.cid(), root);
        return ManifestJson.read(bytes, "dataset " + root + ", " + MANIFEST_NAME);
      }
    }
    Path cacheFile = cacheFile(store, root);
    if (Files.isRegularFile(cacheFile)) {
      try {
        return ManifestJson.read(Files.readAllBytes(cacheFile), cacheFile.toString());
      } catch (IOException | QuarryException e) {
        // An unreadable cache entry is derived again below and overwritten.
      }
    }
    DatasetManifest derived = derive(store, reader, root, entries);
    writeCache(cacheFile, ManifestJson.write(derived));
    return derived;
  }

  /** The manifest that the footers of the directory's .parquet entries describe. */
  static DatasetManifest derive(Store store, UnixFsReader reader, Cid root, List<DirectoryEntry> entries) {
    List<DirectoryEntry> parquet = new ArrayList<>();
    for (DirectoryEntry entry : entries) {
      if (entry.name().toLowerCase(Locale.ROOT).endsWith(".parquet")) {
        parquet.add(entry);
      }
    }
    if (parquet.isEmpty()) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT,
          "directory " + root + " holds no Parquet shards (no .parquet entries among "
              + entries.size() + " entries), so it is not a dataset; import CSV or JSON files with"
              + " 'quarry import' first");
    }
    parquet.sort(Comparator.comparing(DirectoryEntry::name));
    List<Column> columns = null;
    String firstShard = null;
    List<ShardInfo> shards = new ArrayList<>();
    for (DirectoryEntry entry : parquet) {
      if (reader.isDirectory(entry.cid())) {
        throw new QuarryException(
            ErrorCode.INVALID_ARGUMENT,
            "dataset " + root + ": entry " + entry.name() + " is a directory, not a Parquet file");
      }
      String name = "shard " + entry.name() + " (" + entry.cid() + ") of " + root;
      Path file = store.wholeFile(entry.cid());
      ShardFooter footer = ShardFooter.read(file, name);
      if (columns == null) {
        columns = footer.columns();
        firstShard = entry.name();
      } else {
        columns = mergeColumns(columns, footer.columns(), firstShard, entry.name(), root);
      }
      shards.add(new ShardInfo(entry.name(), entry.cid(), footer.rows(), size(file), footer.stats()));
    }
    return new DatasetManifest(columns, shards);
  }

  private static List<Column> mergeColumns(
      List<Column> a, List<Column> b, String first, String other, Cid root) {
    boolean same = a.size() == b.size();
    for (int i = 0; same && i < a.size(); i++) {
      DataType x = a.get(i).type();
      DataType y = b.get(i).type();
      same = a.get(i).name().equals(b.get(i).name())
          && x.kind() == y.kind() && x.precision() == y.precision() && x.scale() == y.scale();
    }
    if (!same) {
      throw new QuarryException(
          ErrorCode.TYPE_MISMATCH,
          "dataset " + root + ": shards have different schemas: " + first + " has " + a + " but "
              + other + " has " + b);
    }
    List<Column> merged = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      boolean nullable = a.get(i).type().nullable() || b.get(i).type().nullable();
      merged.add(new Column(a.get(i).name(), a.get(i).type().withNullable(nullable)));
    }
    return merged;
  }

  private static byte[] readAll(UnixFsReader reader, Cid file, Cid root) {
    try (InputStream in = reader.openFile(file)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new QuarryException(
          ErrorCode.IO_ERROR, "cannot read " + MANIFEST_NAME + " of " + root + ": " + e.getMessage(), e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new QuarryException(ErrorCode.IO_ERROR, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  static Path cacheFile(Store store, Cid root) {
    return store.home().resolve("manifests").resolve(root.toV1() + ".json");
  }

  /** Best effort: a failed cache write only costs a later re-derivation. */
  private static void writeCache(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), ".manifest-", ".tmp");
      try {
        Files.write(tmp, bytes);
        try {
          Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      // The manifest is still returned; only the cache is missing.
    }
  }
}
