package io.quarry.node.engine;

import io.quarry.cid.Cid;
import io.quarry.connectors.importer.DatasetImporter;
import io.quarry.connectors.importer.ImportOptions;
import io.quarry.connectors.importer.ImportProgress;
import io.quarry.sql.ShardDefinition;
import io.quarry.sql.StoreCatalog;
import io.quarry.store.Store;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A store with three small datasets made by the real importer, cut into several shards each:
 * {@code emp} (with NULLs), {@code dept} and {@code sales} (sorted by day, so shards cover
 * disjoint date ranges).
 */
final class TestStore {
  static final String EMP =
      """
      id,name,dept_id,salary,hired,manager_id,bonus
      1,Alice,1,5000.00,2019-03-15,,1000.5
      2,Bob,1,3200.50,2020-07-01,1,
      3,Carol,2,4100.00,2018-11-20,1,250.25
      4,Dave,2,1500.00,2021-01-10,3,
      5,Eve,3,2700.75,2022-05-05,3,100
      6,Frank,,1800.00,2023-02-28,1,
      7,Grace,3,3900.00,2017-09-09,5,300
      8,Heidi,1,1200.00,2024-01-31,2,
      9,Ivan,4,2200.00,2020-02-29,3,50.5
      10,Judy,2,6100.00,2016-06-30,,
      11,Mallory,,990.99,2021-12-31,7,
      12,Oscar,3,2700.75,2019-08-15,5,75
      """;

  static final String DEPT =
      """
      id,name,region
      1,Engineering,EU
      2,Sales,US
      3,Support,EU
      5,Legal,APAC
      """;

  private TestStore() {}

  static Store create(Path dir) throws IOException {
    Store store = Store.open(dir.resolve("store"));
    Path inputs = Files.createDirectories(dir.resolve("inputs"));
    importCsv(store, inputs, "emp", EMP, 4, types(
        "id", TypeKind.INT, "name", TypeKind.VARCHAR, "dept_id", TypeKind.INT,
        "salary", null, "hired", TypeKind.DATE, "manager_id", TypeKind.INT,
        "bonus", TypeKind.DOUBLE), Map.of("salary", DataType.decimal(10, 2)));
    importCsv(store, inputs, "dept", DEPT, 2, types(
        "id", TypeKind.INT, "name", TypeKind.VARCHAR, "region", TypeKind.VARCHAR), Map.of());
    importCsv(store, inputs, "sales", sales(), 8, types(
        "id", TypeKind.BIGINT, "emp_id", TypeKind.INT, "sale_day", TypeKind.DATE,
        "qty", TypeKind.INT), Map.of("amount", DataType.decimal(12, 2)));
    return store;
  }

  /** 30 sales, one every four days from 2024-01-01. */
  static String sales() {
    StringBuilder csv = new StringBuilder("id,emp_id,sale_day,amount,qty\n");
    LocalDate start = LocalDate.of(2024, 1, 1);
    for (int i = 0; i < 30; i++) {
      csv.append(i + 1).append(',')
          .append((i * 7) % 12 + 1).append(',')
          .append(start.plusDays(4L * i)).append(',')
          .append((i * 37) % 1000).append('.').append(25 * (i % 4)).append(',')
          .append(i % 9 + 1).append('\n');
    }
    return csv.toString();
  }

  /** Appends a second version of {@code dept} with one more row. */
  static void appendDept(Store store, Path dir) throws IOException {
    Path csv = dir.resolve("inputs").resolve("dept2.csv");
    Files.writeString(csv, "id,name,region\n6,Research,US\n");
    DatasetImporter.run(
        store,
        List.of(csv),
        new ImportOptions("dept", true, 2, types(
            "id", TypeKind.INT, "name", TypeKind.VARCHAR, "region", TypeKind.VARCHAR)),
        ImportProgress.NONE);
  }

  /** The whole-file paths of a dataset's shards, for DuckDB. */
  static List<Path> shardFiles(Store store, String table) {
    List<Path> files = new ArrayList<>();
    for (ShardDefinition shard : new StoreCatalog(store).resolve(table).orElseThrow().shards()) {
      files.add(store.wholeFile(Cid.parse(shard.cid())));
    }
    return files;
  }

  private static void importCsv(
      Store store, Path dir, String name, String csv, long shardRows,
      Map<String, DataType> types, Map<String, DataType> extra) throws IOException {
    Path file = dir.resolve(name + ".csv");
    Files.writeString(file, csv);
    Map<String, DataType> all = new LinkedHashMap<>(types);
    all.putAll(extra);
    DatasetImporter.run(
        store, List.of(file), new ImportOptions(name, false, shardRows, all), ImportProgress.NONE);
  }

  private static Map<String, DataType> types(Object... pairs) {
    Map<String, DataType> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        out.put((String) pairs[i], DataType.of((TypeKind) pairs[i + 1]));
      }
    }
    return out;
  }
}
