package io.quarry.node.engine;

import io.quarry.cache.CacheStats;
import io.quarry.cache.ResultCache;
import io.quarry.catalog.DatasetVersion;
import io.quarry.sql.StoreCatalog;
import io.quarry.sql.SystemTable;
import io.quarry.sql.TableDefinition;
import io.quarry.store.Store;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The tables of schema {@code system}: the engine's state, read when a statement is planned. */
final class SystemTables {
  private static final DataType TEXT = DataType.of(TypeKind.VARCHAR).withNullable(false);
  private static final DataType COUNT = DataType.of(TypeKind.BIGINT).withNullable(false);
  private static final DataType INT = DataType.of(TypeKind.INT).withNullable(false);

  /** {@code system.cache}'s (and SHOW CACHE's) columns. */
  static final List<Column> CACHE_COLUMNS =
      List.of(
          new Column("level", TEXT),
          new Column("kind", TEXT),
          new Column("hits", COUNT),
          new Column("misses", COUNT),
          new Column("bytes_saved", COUNT),
          new Column("entries", COUNT));

  /** {@code system.datasets}' (and SHOW DATASETS') columns. */
  static final List<Column> DATASETS_COLUMNS =
      List.of(
          new Column("name", TEXT),
          new Column("version", INT),
          new Column("root", TEXT),
          new Column("shards", INT),
          new Column("rows", COUNT),
          new Column("created_at", DataType.of(TypeKind.TIMESTAMP).withNullable(false)));

  private SystemTables() {}

  /** {@code system.cache}: the result cache's counters per level and kind, as SHOW CACHE lists. */
  static SystemTable cache(Supplier<ResultCache> cache) {
    return new SystemTable("cache", CACHE_COLUMNS, () -> cacheRows(cache.get()));
  }

  static List<List<Object>> cacheRows(ResultCache cache) {
    List<List<Object>> rows = new ArrayList<>();
    for (CacheStats s : cache.stats()) {
      rows.add(List.of(s.level(), s.kind(), s.hits(), s.misses(), s.bytesSaved(), s.entries()));
    }
    return rows;
  }

  /** {@code system.datasets}: every dataset's latest version, as SHOW DATASETS lists. */
  static SystemTable datasets(Store store) {
    return new SystemTable("datasets", DATASETS_COLUMNS, () -> datasetRows(store));
  }

  static List<List<Object>> datasetRows(Store store) {
    StoreCatalog catalog = new StoreCatalog(store);
    List<List<Object>> rows = new ArrayList<>();
    for (String name : store.datasets().names()) {
      DatasetVersion latest = store.datasets().latest(name).orElse(null);
      if (latest == null) {
        continue;
      }
      TableDefinition table = catalog.table(name, latest.root());
      rows.add(
          List.of(
              name,
              latest.version(),
              latest.root().toString(),
              table.shards().size(),
              table.rows(),
              ChronoUnit.MICROS.between(Instant.EPOCH, latest.createdAt())));
    }
    return rows;
  }
}
