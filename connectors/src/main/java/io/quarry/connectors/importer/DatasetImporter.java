package io.quarry.connectors.importer;

import io.quarry.catalog.DatasetVersion;
import io.quarry.cid.Cid;
import io.quarry.connectors.dataset.DatasetManifest;
import io.quarry.connectors.dataset.DatasetManifests;
import io.quarry.connectors.dataset.ManifestJson;
import io.quarry.connectors.dataset.ShardInfo;
import io.quarry.connectors.parquet.ShardFooter;
import io.quarry.connectors.parquet.ShardWriter;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.store.Store;
import io.quarry.unixfs.DirectoryEntry;
import io.quarry.unixfs.ImportProfile;
import io.quarry.unixfs.UnixFsReader;
import io.quarry.unixfs.UnixFsWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports CSV, JSON Lines and Parquet files into a dataset: rows are cut into deterministic Parquet
 * shards ({@code part-00000.parquet}, …), each stored as a UnixFS file, and the dataset root is a
 * UnixFS directory of the shards and a {@code _manifest.json}. The same input always gives the same
 * root CID. An append keeps the latest version's shards (same names, same CIDs) and numbers the new
 * ones after them; when another import adds a version meanwhile, the new shards go after that
 * version's instead. Every block is stored before the dataset's history points at the new root, so
 * a crash leaves at worst unreferenced blocks, never a dataset with missing ones. Above 1000
 * entries the directory is HAMT-sharded, as ipfs-car writes it.
 *
 * <p>Rows of consecutive inputs share shards. A Parquet input that starts at a shard boundary and
 * already is a shard of exactly this schema (written by {@link ShardWriter}, at most {@code
 * shardRows} rows) is stored as it is rather than re-encoded, and the next shard starts after it;
 * this is a function of the input bytes too, so the same input still gives the same root.
 */
public final class DatasetImporter {
  /** Rows read from the start of each text input to infer column types. */
  public static final int SAMPLE_ROWS = 20_000;


  static final ImportProfile PROFILE = ImportProfile.UNIXFS_V1_2025;

  /** How often an append builds on a version another import added meanwhile before giving up. */
  private static final int MAX_ATTEMPTS = 20;

  private static final int SIZE_CHECK_ROWS = 8192;
  private static final int PROGRESS_ROWS = 16_384;
  private static final Pattern SHARD_NAME = Pattern.compile("part-(\\d+)\\.parquet");

  private DatasetImporter() {}

  public static ImportResult run(
      Store store, List<Path> inputs, ImportOptions options, ImportProgress progress) {
    Optional<DatasetVersion> latest = store.datasets().latest(options.name());
    if (latest.isPresent() && !options.append() && !options.replace()) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT,
          "dataset '" + options.name() + "' already exists (version " + latest.get().version()
              + ", root " + latest.get().root() + "); use --append to add these rows as a new"
              + " version, or choose another name");
    }
    // A replacing import keeps nothing of the version it follows but its place in the history.
    Optional<DatasetManifest> previous =
        options.replace()
            ? Optional.empty()
            : latest.map(v -> DatasetManifests.load(store, v.root()));
    List<ImportInput> files = InputFiles.expand(inputs);
    List<InputSample> samples = files.stream().map(f -> f.sample(SAMPLE_ROWS)).toList();
    TargetSchema schema = SchemaResolver.resolve(
        files, samples, options.typeOverrides(),
        previous.map(m -> new SchemaResolver.Existing(options.name(), m.columns())),
        SAMPLE_ROWS);

    List<ShardInfo> base = previous.map(DatasetManifest::shards).orElse(List.of());
    int firstNew = nextShardNumber(base);
    List<ShardInfo> added = new Writer(store, files, schema, options, progress, firstNew).writeAll();
    if (added.isEmpty() && base.isEmpty()) {
      added = List.of(new Writer(store, List.of(), schema, options, progress, firstNew).emptyShard());
    }
    int basedOn = latest.map(DatasetVersion::version).orElse(0);
    Map<Cid, Long> sizes =
        entrySizes(store, options.replace() ? Optional.empty() : latest.map(DatasetVersion::root));
    for (int attempt = 1; ; attempt++) {
      DatasetManifest manifest = new DatasetManifest(schema.columns(), union(base, added));
      Cid root = writeRoot(store, manifest, sizes);
      Optional<DatasetVersion> version =
          store.datasets().appendIfLatest(options.name(), root, basedOn);
      if (version.isPresent()) {
        return new ImportResult(version.get(), manifest);
      }
      // Another import added a version while this one ran. The new shards are stored already:
      // put them after that version's shards rather than drop its rows (or fail, if this import
      // meant to create the dataset).
      DatasetVersion newer = store.datasets().latest(options.name()).orElseThrow();
      if (options.replace() && attempt < MAX_ATTEMPTS) {
        basedOn = newer.version(); // this version replaces whichever came last
        continue;
      }
      if (!options.append() || attempt == MAX_ATTEMPTS) {
        throw new QuarryException(
            options.append() ? ErrorCode.IO_ERROR : ErrorCode.INVALID_ARGUMENT,
            "dataset '" + options.name() + "' got version " + newer.version() + " (root "
                + newer.root() + ") from another import while this one ran"
                + (options.append()
                    ? ", " + attempt + " times; run this import again"
                    : "; use --append to add these rows to it, or choose another name"));
      }
      DatasetManifest theirs = DatasetManifests.load(store, newer.root());
      if (!theirs.columns().equals(schema.columns())) {
        throw new QuarryException(
            ErrorCode.INVALID_ARGUMENT,
            "dataset '" + options.name() + "' changed its columns (version " + newer.version()
                + ") while this import ran; run it again");
      }
      base = theirs.shards();
      added = renumbered(added, nextShardNumber(base));
      basedOn = newer.version();
      sizes = entrySizes(store, Optional.of(newer.root()));
    }
  }

  /**
   * The directory entry sizes of the version an append builds on, by CID: read from its directory
   * rather than from its shards' blocks, which this store need not hold (a cluster node keeps only
   * the shards placed on it).
   */
  private static Map<Cid, Long> entrySizes(Store store, Optional<Cid> root) {
    Map<Cid, Long> sizes = new HashMap<>();
    root.ifPresent(
        r -> {
          for (DirectoryEntry e : new UnixFsReader(store.blocks()).listDirectory(r)) {
            sizes.put(e.cid(), e.size());
          }
        });
    return sizes;
  }

  /** The dataset directory: the shards by name, then the manifest; its CID is the root. */
  private static Cid writeRoot(Store store, DatasetManifest manifest, Map<Cid, Long> sizes) {
    List<DirectoryEntry> entries = new ArrayList<>();
    for (ShardInfo shard : manifest.shards()) {
      Long known = sizes.get(shard.cid());
      long size = known != null ? known : UnixFsWriter.tsize(shard.cid(), store.blocks());
      entries.add(new DirectoryEntry(shard.name(), shard.cid(), size));
    }
    byte[] json = ManifestJson.write(manifest);
    entries.add(
        UnixFsWriter.write(new ByteArrayInputStream(json), PROFILE.fileLayout(), store.blocks())
            .entry(DatasetManifests.MANIFEST_NAME));
    Cid root = UnixFsWriter.writeDirectory(entries, PROFILE, store.blocks());
    // As a query would read it back (JSON gives statistics their read types).
    DatasetManifests.remember(store, root, ManifestJson.read(json, DatasetManifests.MANIFEST_NAME));
    return root;
  }

  private static List<ShardInfo> union(List<ShardInfo> base, List<ShardInfo> added) {
    List<ShardInfo> shards = new ArrayList<>(base);
    shards.addAll(added);
    shards.sort(Comparator.comparing(ShardInfo::name));
    return shards;
  }

  /** The same shards (same CIDs) named from {@code first} on, in their order. */
  private static List<ShardInfo> renumbered(List<ShardInfo> shards, int first) {
    List<ShardInfo> out = new ArrayList<>();
    for (ShardInfo s : shards) {
      out.add(new ShardInfo(shardName(first + out.size()), s.cid(), s.rows(), s.bytes(), s.stats()));
    }
    return out;
  }

  /** The number after the highest {@code part-NNNNN.parquet} (0 for none). */
  private static int nextShardNumber(List<ShardInfo> shards) {
    int next = 0;
    for (ShardInfo shard : shards) {
      Matcher m = SHARD_NAME.matcher(shard.name());
      if (m.matches()) {
        next = Math.max(next, Integer.parseInt(m.group(1)) + 1);
      }
    }
    return next == 0 && !shards.isEmpty() ? shards.size() : next;
  }

  static String shardName(int number) {
    return String.format("part-%05d.parquet", number);
  }

  /** Streams the rows of all inputs into shards. */
  private static final class Writer {
    private final Store store;
    private final List<ImportInput> files;
    private final TargetSchema schema;
    private final ImportOptions options;
    private final ImportProgress progress;
    private final Path tmpDir;
    private final long totalBytes;
    private final List<ShardInfo> written = new ArrayList<>();
    private int nextNumber;
    private long doneBytes;
    private final ExecutorService storer = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "quarry-import-store");
      t.setDaemon(true);
      return t;
    });
    private ShardWriter shard;
    private Path shardFile;
    private Future<ShardInfo> pending;
    private Path pendingFile;

    Writer(Store store, List<ImportInput> files, TargetSchema schema, ImportOptions options,
        ImportProgress progress, int firstNumber) {
      this.store = store;
      this.files = files;
      this.schema = schema;
      this.options = options;
      this.progress = progress;
      this.nextNumber = firstNumber;
      this.tmpDir = store.home().resolve("tmp");
      long total = 0;
      for (ImportInput f : files) {
        total += fileSize(f.path());
      }
      this.totalBytes = total;
    }

    List<ShardInfo> writeAll() {
      try {
        Files.createDirectories(tmpDir);
        for (ImportInput file : files) {
          if (shard == null && file instanceof ParquetInput parquet
              && parquet.isShardOf(schema.columns(), options.shardRows(), options.shardBytes() / 2)) {
            submit(file.path(), false);
          } else {
            copy(file);
          }
          doneBytes += fileSize(file.path());
          progress.bytesRead(doneBytes, totalBytes);
        }
        if (shard != null) {
          finishShard();
        }
        awaitPending();
        return written;
      } catch (IOException e) {
        throw new QuarryException(ErrorCode.IO_ERROR, "cannot write shards under " + tmpDir + ": " + e, e);
      } finally {
        abandonShard();
      }
    }

    /** A dataset with no rows still has one (empty) shard, so its schema is in a Parquet footer. */
    ShardInfo emptyShard() {
      try {
        Files.createDirectories(tmpDir);
        startShard();
        finishShard();
        awaitPending();
        return written.get(0);
      } catch (IOException e) {
        throw new QuarryException(ErrorCode.IO_ERROR, "cannot write shards under " + tmpDir + ": " + e, e);
      } finally {
        abandonShard();
      }
    }

    private void copy(ImportInput file) {
      long rowNumber = 0;
      try (RowSource source = new PrefetchingRowSource(file.open(schema))) {
        for (Object[] row = source.next(); row != null; row = source.next()) {
          rowNumber++;
          if (shard == null) {
            startShard();
          }
          try {
            shard.write(row);
          } catch (IllegalArgumentException e) {
            throw new QuarryException(
                ErrorCode.MALFORMED_INPUT,
                file.path() + ": row " + rowNumber + ": " + e.getMessage(), e);
          }
          if (shard.rows() >= options.shardRows()
              || shard.rows() % SIZE_CHECK_ROWS == 0 && shard.dataSize() >= options.shardBytes()) {
            finishShard();
          }
          if (rowNumber % PROGRESS_ROWS == 0) {
            progress.bytesRead(doneBytes + Math.min(source.bytesRead(), fileSize(file.path())), totalBytes);
          }
        }
      }
    }

    private void startShard() {
      shardFile = tmpDir.resolve("import-" + UUID.randomUUID() + ".parquet");
      shard = new ShardWriter(shardFile, schema.columns());
    }

    private void finishShard() {
      shard.close();
      shard = null;
      Path file = shardFile;
      shardFile = null;
      submit(file, true);
    }

    /**
     * Stores a finished shard file under the next shard name on the storing thread, so hashing
     * and writing blocks overlaps with encoding the next shard. At most one shard is in flight.
     */
    private void submit(Path file, boolean delete) {
      String name = shardName(nextNumber++);
      awaitPending();
      pendingFile = delete ? file : null;
      pending = storer.submit(() -> {
        try {
          ShardFooter footer = ShardFooter.read(file, name);
          Cid cid = store.addFile(file, PROFILE);
          return new ShardInfo(name, cid, footer.rows(), fileSize(file), footer.stats());
        } finally {
          if (delete) {
            deleteQuietly(file);
          }
        }
      });
    }

    private void awaitPending() {
      if (pending == null) {
        return;
      }
      Future<ShardInfo> done = pending;
      pending = null;
      pendingFile = null;
      ShardInfo info;
      try {
        info = done.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw QuarryException.internal("storing a shard failed", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new QuarryException(ErrorCode.QUERY_CANCELLED, "import interrupted", e);
      }
      written.add(info);
      progress.shardWritten(info);
    }

    private void abandonShard() {
      if (shard != null) {
        try {
          shard.close();
        } catch (RuntimeException ignored) {
          // the failure that got us here is the one to report
        }
        shard = null;
      }
      if (shardFile != null) {
        deleteQuietly(shardFile);
        shardFile = null;
      }
      if (pending != null) {
        try {
          pending.get();
        } catch (ExecutionException | InterruptedException | RuntimeException ignored) {
          // only waiting so that no thread still uses the file
        }
        if (pendingFile != null) {
          deleteQuietly(pendingFile);
        }
        pending = null;
      }
      storer.shutdown();
    }

    private static void deleteQuietly(Path file) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a leftover file in <home>/tmp is harmless
      }
    }

    private static long fileSize(Path file) {
      try {
        return Files.size(file);
      } catch (IOException e) {
        throw new QuarryException(ErrorCode.IO_ERROR, "cannot read " + file + ": " + e.getMessage(), e);
      }
    }
  }
}
