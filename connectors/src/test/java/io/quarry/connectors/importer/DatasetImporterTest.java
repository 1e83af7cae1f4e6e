package io.quarry.connectors.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.cid.Cid;
import io.quarry.connectors.dataset.ColumnStats;
import io.quarry.connectors.dataset.DatasetManifest;
import io.quarry.connectors.dataset.DatasetManifests;
import io.quarry.connectors.dataset.ManifestJson;
import io.quarry.connectors.dataset.ShardInfo;
import io.quarry.connectors.parquet.ParquetRowReader;
import io.quarry.connectors.parquet.ShardWriter;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.store.Store;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import io.quarry.unixfs.DirectoryEntry;
import io.quarry.unixfs.UnixFsReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetImporterTest {
  @TempDir Path dir;

  private Path csv(String name, int from, int to) throws Exception {
    StringBuilder s = new StringBuilder("id,price,day,name\n");
    for (int i = from; i < to; i++) {
      s.append(i).append(',').append(i % 100).append('.').append(i % 10).append("5,")
          .append(i % 3 == 0 ? "" : "2024-01-" + String.format("%02d", 1 + i % 28)).append(',')
          .append("n").append(i % 17).append('\n');
    }
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, s.toString());
    return p;
  }

  private static ImportResult importInto(Store store, String name, boolean append, long shardRows, Path... inputs) {
    return DatasetImporter.run(store, List.of(inputs),
        ImportOptions.create(name).withAppend(append).withShardRows(shardRows), ImportProgress.NONE);
  }

  @Test
  void cutsShardsAndDuckDbReadsThem() throws Exception {
    Path input = csv("t.csv", 0, 2500);
    AtomicLong lastRead = new AtomicLong();
    AtomicLong total = new AtomicLong();
    List<String> shardsSeen = new ArrayList<>();
    try (Store store = Store.open(dir.resolve("home"))) {
      ImportResult result = DatasetImporter.run(store, List.of(input),
          ImportOptions.create("t").withShardRows(1000),
          new ImportProgress() {
            @Override
            public void bytesRead(long read, long totalBytes) {
              lastRead.set(read);
              total.set(totalBytes);
            }

            @Override
            public void shardWritten(ShardInfo shard) {
              shardsSeen.add(shard.name());
            }
          });
      DatasetManifest m = result.manifest();
      assertEquals(List.of("part-00000.parquet", "part-00001.parquet", "part-00002.parquet"), shardsSeen);
      assertEquals(List.of(1000L, 1000L, 500L), m.shards().stream().map(ShardInfo::rows).toList());
      assertEquals(2500, m.rows());
      assertEquals(Files.size(input), total.get());
      assertEquals(total.get(), lastRead.get());
      assertEquals(List.of(
          new Column("id", DataType.of(TypeKind.BIGINT)),
          new Column("price", DataType.decimal(18, 2)),
          new Column("day", DataType.of(TypeKind.DATE)),
          new Column("name", DataType.of(TypeKind.VARCHAR))), m.columns());
      assertEquals(new ColumnStats(1000L, 1999L, 0), m.shards().get(1).stats().get(0));
      assertEquals(334, m.shards().get(0).stats().get(2).nullCount());
      assertEquals(1, result.version().version());
      assertEquals(store.datasets().latest("t").get().root(), result.version().root());

      String files = m.shards().stream()
          .map(s -> "'" + store.wholeFile(s.cid()) + "'").collect(Collectors.joining(", "));
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery(
              "SELECT count(*), sum(id), sum(price), count(day) FROM read_parquet([" + files + "])")) {
        rs.next();
        assertEquals(2500, rs.getLong(1));
        assertEquals(2500L * 2499 / 2, rs.getLong(2));
        BigDecimal expected = BigDecimal.ZERO;
        for (int i = 0; i < 2500; i++) {
          expected = expected.add(new BigDecimal(i % 100 + "." + i % 10 + "5"));
        }
        assertEquals(0, expected.compareTo(rs.getBigDecimal(3)));
        assertEquals(2500 - 834, rs.getLong(4));
      }
    }
  }

  @Test
  void sameInputTwiceGivesTheSameRoot() throws Exception {
    Path input = csv("t.csv", 0, 1200);
    Cid first;
    try (Store store = Store.open(dir.resolve("home1"))) {
      first = importInto(store, "a", false, 500, input).version().root();
      assertEquals(first, importInto(store, "b", false, 500, input).version().root());
    }
    try (Store store = Store.open(dir.resolve("home2"))) {
      assertEquals(first, importInto(store, "a", false, 500, input).version().root());
      assertNotEquals(first, importInto(store, "c", false, 400, input).version().root());
    }
  }

  @Test
  void appendKeepsOldShardsAndAddsNewOnes() throws Exception {
    try (Store store = Store.open(dir.resolve("home"))) {
      ImportResult v1 = importInto(store, "t", false, 1000, csv("a.csv", 0, 1500));
      ImportResult v2 = importInto(store, "t", true, 1000, csv("b.csv", 1500, 2100));
      assertEquals(2, v2.version().version());
      List<ShardInfo> old = v1.manifest().shards();
      List<ShardInfo> now = v2.manifest().shards();
      assertEquals(old, now.subList(0, 2));
      assertEquals(List.of("part-00000.parquet", "part-00001.parquet", "part-00002.parquet"),
          now.stream().map(ShardInfo::name).toList());
      assertEquals(2100, v2.manifest().rows());
      assertEquals(v2.manifest(), DatasetManifests.load(store, v2.version().root()));
      UnixFsReader reader = new UnixFsReader(store.blocks());
      List<DirectoryEntry> entries = reader.listDirectory(v2.version().root());
      assertEquals(4, entries.size());
      assertEquals(old.get(0).cid(), entries.get(1).cid());
      assertEquals(List.of(v1.version().root(), v2.version().root()),
          store.datasets().history("t").stream().map(v -> v.root()).toList());
    }
  }

  /** Progress that runs {@code action} (on the importing thread) after every shard written. */
  private static ImportProgress onEveryShard(Runnable action) {
    return new ImportProgress() {
      @Override
      public void bytesRead(long read, long total) {}

      @Override
      public void shardWritten(ShardInfo shard) {
        action.run();
      }
    };
  }

  /**
   * Another import appends while this one writes its shards (here: from inside its progress
   * callback, so the interleaving is certain). Neither loses rows: this one's shards go after the
   * other's.
   */
  @Test
  void concurrentAppendsKeepEveryRow() throws Exception {
    try (Store store = Store.open(dir.resolve("home"))) {
      importInto(store, "t", false, 1000, csv("a.csv", 0, 1500));
      Path other = csv("other.csv", 1500, 1800);
      Path mine = csv("mine.csv", 1800, 2900);
      List<ImportResult> meanwhile = new ArrayList<>();
      ImportProgress interleave =
          onEveryShard(
              () -> {
                if (meanwhile.isEmpty()) {
                  meanwhile.add(importInto(store, "t", true, 1000, other));
                }
              });
      ImportResult result =
          DatasetImporter.run(
              store,
              List.of(mine),
              ImportOptions.create("t").withAppend(true).withShardRows(1000),
              interleave);
      assertEquals(2, meanwhile.get(0).version().version());
      assertEquals(3, result.version().version());
      assertEquals(2900, result.manifest().rows());
      List<ShardInfo> theirs = meanwhile.get(0).manifest().shards();
      assertEquals(theirs, result.manifest().shards().subList(0, theirs.size()));
      assertEquals(
          List.of("part-00000.parquet", "part-00001.parquet", "part-00002.parquet",
              "part-00003.parquet", "part-00004.parquet"),
          result.manifest().shards().stream().map(ShardInfo::name).toList());
      assertEquals(result.manifest(), DatasetManifests.load(store, result.version().root()));
    }
  }

  @Test
  void aDatasetCreatedMeanwhileIsNotOverwritten() throws Exception {
    try (Store store = Store.open(dir.resolve("home"))) {
      Path other = csv("other.csv", 0, 10);
      ImportProgress interleave =
          onEveryShard(
              () -> {
                if (store.datasets().latest("t").isEmpty()) {
                  importInto(store, "t", false, 1000, other);
                }
              });
      QuarryException e =
          assertThrows(
              QuarryException.class,
              () ->
                  DatasetImporter.run(
                      store, List.of(csv("mine.csv", 10, 20)), ImportOptions.create("t"), interleave));
      assertTrue(e.getMessage().contains("from another import while this one ran"), e.getMessage());
      assertTrue(e.getMessage().contains("--append"), e.getMessage());
      assertEquals(1, store.datasets().history("t").size());
      assertEquals(10, DatasetManifests.load(store, store.datasets().latest("t").get().root()).rows());
    }
  }

  /** A shard ends at the size asked for, whatever its row limit. */
  @Test
  void shardsEndAtTheirSize() throws Exception {
    java.util.Random random = new java.util.Random(7);
    StringBuilder text = new StringBuilder("id,noise\n");
    for (int i = 0; i < 60_000; i++) {
      text.append(i).append(',').append(Long.toHexString(random.nextLong()))
          .append(Long.toHexString(random.nextLong())).append(Long.toHexString(random.nextLong()))
          .append('\n');
    }
    Path input = dir.resolve("noise.csv");
    Files.writeString(input, text.toString());
    try (Store store = Store.open(dir.resolve("home"))) {
      ImportResult result =
          DatasetImporter.run(
              store,
              List.of(input),
              ImportOptions.create("n").withShardBytes(ImportOptions.MIN_SHARD_BYTES),
              ImportProgress.NONE);
      assertEquals(60_000, result.manifest().rows());
      assertTrue(result.manifest().shards().size() >= 2, result.manifest().shards().toString());
      for (ShardInfo shard : result.manifest().shards()) {
        assertTrue(shard.bytes() < 3 * ImportOptions.MIN_SHARD_BYTES, shard.toString());
      }
    }
    assertThrows(
        IllegalArgumentException.class, () -> ImportOptions.create("n").withShardBytes(1000));
  }

  /** Past 1000 directory entries the root is HAMT-sharded, as ipfs-car writes it, and still reads. */
  @Test
  void manyShardsMakeAShardedDirectory() throws Exception {
    try (Store store = Store.open(dir.resolve("home"))) {
      ImportResult result = importInto(store, "t", false, 1, csv("a.csv", 0, 1005));
      assertEquals(1005, result.manifest().shards().size());
      UnixFsReader reader = new UnixFsReader(store.blocks());
      List<DirectoryEntry> entries = reader.listDirectory(result.version().root());
      assertEquals(1006, entries.size());
      DirectoryEntry manifest =
          entries.stream().filter(e -> e.name().equals("_manifest.json")).findFirst().orElseThrow();
      try (var in = reader.openFile(manifest.cid())) {
        assertEquals(result.manifest(), ManifestJson.read(in.readAllBytes(), "_manifest.json"));
      }
      ImportResult more = importInto(store, "t", true, 1, csv("b.csv", 1005, 1007));
      assertEquals(1007, more.manifest().rows());
    }
  }

  @Test
  void appendedTextIsReadAsTheDatasetTypes() throws Exception {
    try (Store store = Store.open(dir.resolve("home"))) {
      importInto(store, "t", false, 1000, csv("a.csv", 0, 10));
      Path more = dir.resolve("more.csv");
      Files.writeString(more, "name,id,price,day\nx,100,5,\n");
      ImportResult v2 = importInto(store, "t", true, 1000, more);
      ShardInfo added = v2.manifest().shards().get(1);
      assertEquals(new ColumnStats(new BigDecimal("5.00"), new BigDecimal("5.00"), 0), added.stats().get(1));
      assertEquals(new ColumnStats(null, null, 1), added.stats().get(2));

      Path bad = dir.resolve("bad.csv");
      Files.writeString(bad, "id,price,day,name\n1,2.5,2024-01-01,a\n2,2.555,2024-01-01,b\n");
      QuarryException e = assertThrows(QuarryException.class, () -> importInto(store, "t", true, 1000, bad));
      assertTrue(e.getMessage().startsWith(bad + ":3:2: column 'price': '2.555' is not a DECIMAL(18, 2)"), e.getMessage());
      assertTrue(e.getMessage().contains("type of dataset 't'"), e.getMessage());
      assertEquals(2, store.datasets().history("t").size());
    }
  }

  @Test
  void existingNameWithoutAppendIsAnError() throws Exception {
    try (Store store = Store.open(dir.resolve("home"))) {
      Path input = csv("a.csv", 0, 10);
      importInto(store, "t", false, 1000, input);
      QuarryException e = assertThrows(QuarryException.class, () -> importInto(store, "t", false, 1000, input));
      assertTrue(e.getMessage().contains("dataset 't' already exists"), e.getMessage());
      assertTrue(e.getMessage().contains("--append"), e.getMessage());
      assertEquals(1, store.datasets().history("t").size());
    }
  }

  @Test
  void appendWithAnotherSchemaIsAnError() throws Exception {
    try (Store store = Store.open(dir.resolve("home"))) {
      importInto(store, "t", false, 1000, csv("a.csv", 0, 10));
      Path other = dir.resolve("other.csv");
      Files.writeString(other, "id,amount\n1,2\n");
      QuarryException e = assertThrows(QuarryException.class, () -> importInto(store, "t", true, 1000, other));
      assertEquals(ErrorCode.TYPE_MISMATCH, e.code());
      assertTrue(e.getMessage().startsWith("schema differs: " + other + " has columns [amount, id]"
          + " but dataset 't' has columns [day, id, name, price]"), e.getMessage());

      Path parquet = dir.resolve("p.parquet");
      List<Column> columns = List.of(
          new Column("id", DataType.of(TypeKind.BIGINT)), new Column("price", DataType.of(TypeKind.DOUBLE)),
          new Column("day", DataType.of(TypeKind.DATE)), new Column("name", DataType.of(TypeKind.VARCHAR)));
      try (ShardWriter w = new ShardWriter(parquet, columns)) {
        w.write(new Object[] {1L, 2.0, 3, "x"});
      }
      e = assertThrows(QuarryException.class, () -> importInto(store, "t", true, 1000, parquet));
      assertTrue(e.getMessage().startsWith("schema differs: column 'price' is DECIMAL(18, 2) in dataset 't'"
          + " but DOUBLE in " + parquet), e.getMessage());
      assertEquals(1, store.datasets().history("t").size());
    }
  }

  @Test
  void derivedManifestEqualsTheWrittenOne() throws Exception {
    try (Store store = Store.open(dir.resolve("home"))) {
      ImportResult result = importInto(store, "t", false, 700, csv("a.csv", 0, 2000));
      List<DirectoryEntry> shardsOnly = new UnixFsReader(store.blocks()).listDirectory(result.version().root())
          .stream().filter(e -> e.name().endsWith(".parquet")).toList();
      Cid bare = io.quarry.unixfs.UnixFsWriter.writeDirectory(
          shardsOnly, io.quarry.unixfs.ImportProfile.UNIXFS_V1_2025, store.blocks());
      assertEquals(result.manifest(), DatasetManifests.load(store, bare));
      assertTrue(Files.isRegularFile(store.home().resolve("manifests").resolve(bare + ".json")));
      try (Store reopened = Store.open(dir.resolve("home"))) {
        assertEquals(result.manifest(), DatasetManifests.load(reopened, bare));
      }
    }
  }

  @Test
  void foreignDirectoriesOfParquetFilesAreDatasets() throws Exception {
    List<Column> columns = List.of(new Column("k", DataType.of(TypeKind.BIGINT)));
    Path a = dir.resolve("x.parquet");
    Path b = dir.resolve("y.parquet");
    try (ShardWriter w = new ShardWriter(a, columns)) {
      w.write(new Object[] {1L});
    }
    try (ShardWriter w = new ShardWriter(b, List.of(new Column("k", DataType.of(TypeKind.VARCHAR))))) {
      w.write(new Object[] {"1"});
    }
    try (Store store = Store.open(dir.resolve("home"))) {
      io.quarry.unixfs.ImportProfile profile = io.quarry.unixfs.ImportProfile.UNIXFS_V1_2025;
      Cid ca = store.addFile(a, profile);
      Cid cb = store.addFile(b, profile);
      Cid mixed = io.quarry.unixfs.UnixFsWriter.writeDirectory(
          List.of(new DirectoryEntry("x.parquet", ca, Files.size(a)), new DirectoryEntry("y.parquet", cb, Files.size(b))),
          profile, store.blocks());
      QuarryException e = assertThrows(QuarryException.class, () -> DatasetManifests.load(store, mixed));
      assertEquals(ErrorCode.TYPE_MISMATCH, e.code());
      assertTrue(e.getMessage().contains("shards have different schemas: x.parquet has"), e.getMessage());

      Cid foreign = io.quarry.unixfs.UnixFsWriter.writeDirectory(
          List.of(new DirectoryEntry("x.parquet", ca, Files.size(a))), profile, store.blocks());
      store.datasets().append("f", foreign);
      Path more = dir.resolve("more.csv");
      Files.writeString(more, "k\n2\n3\n");
      ImportResult v2 = importInto(store, "f", true, 1000, more);
      assertEquals(List.of("part-00001.parquet", "x.parquet"),
          v2.manifest().shards().stream().map(ShardInfo::name).toList());
      assertEquals(ca, v2.manifest().shards().get(1).cid());
      assertEquals(3, v2.manifest().rows());
    }
  }

  @Test
  void manifestsOfNonDatasetsAreClearErrors() throws Exception {
    try (Store store = Store.open(dir.resolve("home"))) {
      Path text = dir.resolve("x.txt");
      Files.writeString(text, "hello");
      Cid file = store.addFile(text, io.quarry.unixfs.ImportProfile.UNIXFS_V1_2025);
      QuarryException e = assertThrows(QuarryException.class, () -> DatasetManifests.load(store, file));
      assertTrue(e.getMessage().startsWith(file + " is not a dataset"), e.getMessage());
      Cid dirOfText = io.quarry.unixfs.UnixFsWriter.writeDirectory(
          List.of(new DirectoryEntry("x.txt", file, 5)), io.quarry.unixfs.ImportProfile.UNIXFS_V1_2025, store.blocks());
      e = assertThrows(QuarryException.class, () -> DatasetManifests.load(store, dirOfText));
      assertTrue(e.getMessage().contains("holds no Parquet shards"), e.getMessage());
    }
  }

  @Test
  void importsParquetAndJsonLinesAndFolders() throws Exception {
    Path folder = dir.resolve("in");
    Files.createDirectories(folder.resolve("sub"));
    Files.writeString(folder.resolve("sub/b.jsonl"), "{\"id\": 3, \"v\": \"2.50\"}\n{\"id\": 4}\n");
    Files.writeString(folder.resolve("notes.txt"), "ignored");
    List<Column> columns = List.of(new Column("id", DataType.of(TypeKind.BIGINT)),
        new Column("v", DataType.decimal(10, 2)));
    try (ShardWriter w = new ShardWriter(folder.resolve("a.parquet"), columns)) {
      w.write(new Object[] {1L, new BigDecimal("1.00")});
      w.write(new Object[] {2L, null});
    }
    try (Store store = Store.open(dir.resolve("home"))) {
      ImportResult result = DatasetImporter.run(store, List.of(folder), ImportOptions.create("mixed"), ImportProgress.NONE);
      assertEquals(columns, result.manifest().columns());
      List<Object[]> rows = new ArrayList<>();
      for (ShardInfo shard : result.manifest().shards()) {
        try (ParquetRowReader reader = new ParquetRowReader(store.wholeFile(shard.cid()), "shard")) {
          for (Object[] row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
          }
        }
      }
      assertEquals(4, rows.size());
      assertArrayEquals(new Object[] {1L, new BigDecimal("1.00")}, rows.get(0));
      assertArrayEquals(new Object[] {2L, null}, rows.get(1));
      assertArrayEquals(new Object[] {3L, new BigDecimal("2.50")}, rows.get(2));
      assertArrayEquals(new Object[] {4L, null}, rows.get(3));
      // a.parquet is already a shard of this schema, so it is taken over as is.
      assertEquals(store.addFile(folder.resolve("a.parquet"), io.quarry.unixfs.ImportProfile.UNIXFS_V1_2025),
          result.manifest().shards().get(0).cid());
      assertEquals(List.of(2L, 2L), result.manifest().shards().stream().map(ShardInfo::rows).toList());
    }
  }

  @Test
  void parquetShardsAreTakenOverOnlyWhenTheyFit() throws Exception {
    List<Column> columns = List.of(new Column("k", DataType.of(TypeKind.BIGINT).withNullable(false)),
        new Column("v", DataType.of(TypeKind.VARCHAR)));
    List<Path> parts = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      Path part = dir.resolve("parts/part-" + p + ".parquet");
      Files.createDirectories(part.getParent());
      try (ShardWriter w = new ShardWriter(part, columns)) {
        for (int i = 0; i < 300 + p; i++) {
          w.write(new Object[] {(long) p * 1000 + i, "v" + i});
        }
      }
      parts.add(part);
    }
    try (Store store = Store.open(dir.resolve("home"))) {
      ImportResult whole = importInto(store, "whole", false, 1000, parts.toArray(Path[]::new));
      assertEquals(columns, whole.manifest().columns());
      assertEquals(List.of(300L, 301L, 302L), whole.manifest().shards().stream().map(ShardInfo::rows).toList());
      for (int p = 0; p < 3; p++) {
        assertEquals(store.addFile(parts.get(p), io.quarry.unixfs.ImportProfile.UNIXFS_V1_2025),
            whole.manifest().shards().get(p).cid());
      }
      ImportResult cut = importInto(store, "cut", false, 250, parts.toArray(Path[]::new));
      assertEquals(List.of(250L, 250L, 250L, 153L), cut.manifest().shards().stream().map(ShardInfo::rows).toList());
      assertEquals(903, cut.manifest().rows());
      assertEquals(cut.version().root(), importInto(store, "cut2", false, 250, parts.toArray(Path[]::new)).version().root());
    }
  }

  @Test
  void overridesAndEmptyInputs() throws Exception {
    Path input = dir.resolve("e.csv");
    Files.writeString(input, "a,b\n");
    try (Store store = Store.open(dir.resolve("home"))) {
      ImportResult result = DatasetImporter.run(store, List.of(input),
          ImportOptions.create("e").withTypeOverrides(Map.of("a", DataType.of(TypeKind.INT))), ImportProgress.NONE);
      assertEquals(0, result.manifest().rows());
      assertEquals(1, result.manifest().shards().size());
      assertEquals(DataType.of(TypeKind.INT), result.manifest().columns().get(0).type());
      assertEquals(result.manifest(), DatasetManifests.load(store, result.version().root()));
    }
  }

  @Test
  void badValueFailsTheImportAndLeavesNoVersion() throws Exception {
    Path input = dir.resolve("bad.csv");
    StringBuilder s = new StringBuilder("n\n");
    for (int i = 0; i < DatasetImporter.SAMPLE_ROWS + 5; i++) {
      s.append(i).append('\n');
    }
    s.append("x1\n");
    Files.writeString(input, s.toString());
    try (Store store = Store.open(dir.resolve("home"))) {
      QuarryException e = assertThrows(QuarryException.class,
          () -> importInto(store, "bad", false, 10_000, input));
      assertTrue(e.getMessage().startsWith(input + ":" + (DatasetImporter.SAMPLE_ROWS + 7) + ":1: column 'n'"),
          e.getMessage());
      assertTrue(store.datasets().latest("bad").isEmpty());
      try (var tmp = Files.list(store.home().resolve("tmp"))) {
        assertEquals(List.of(), tmp.filter(p -> p.getFileName().toString().startsWith("import-")).toList());
      }
    }
  }
}
