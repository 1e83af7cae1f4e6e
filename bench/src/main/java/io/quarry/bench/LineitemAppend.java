package io.quarry.bench;

import io.quarry.connectors.importer.DatasetImporter;
import io.quarry.connectors.importer.ImportOptions;
import io.quarry.connectors.importer.ImportProgress;
import io.quarry.connectors.importer.ImportResult;
import io.quarry.connectors.parquet.ShardWriter;
import io.quarry.store.Store;
import io.trino.tpch.LineItem;
import io.trino.tpch.TpchTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Extra lineitem rows appended as a new version of the dataset through the import path: the first
 * {@code rows} rows the generator makes at the scale factor, with their order keys moved past every
 * existing one (by {@code batch} times {@link #ORDER_KEY_OFFSET}, so each batch holds different
 * rows and becomes a different shard), written as one Parquet file with the TPC-H schema.
 */
final class LineitemAppend {
  /** Added to each generated order key; TPC-H order keys stay below 6,000,000 per unit of SF. */
  static final long ORDER_KEY_OFFSET = 1L << 40;

  private LineitemAppend() {}

  static Path write(double scaleFactor, long rows, int batch, Path file) {
    TpchTable<LineItem> table = TpchTable.LINE_ITEM;
    long written = 0;
    try (ShardWriter writer = new ShardWriter(file, TpchSchema.columns(table))) {
      for (LineItem item : table.createGenerator(scaleFactor, 1, 1)) {
        if (written == rows) {
          break;
        }
        Object[] row = TpchSchema.row(table, item);
        row[0] = (Long) row[0] + batch * ORDER_KEY_OFFSET;
        writer.write(row);
        written++;
      }
    }
    return file;
  }

  static ImportResult append(Store store, Path file) {
    return DatasetImporter.run(
        store,
        List.of(file),
        new ImportOptions("lineitem", true, ImportOptions.DEFAULT_SHARD_ROWS, Map.of()),
        ImportProgress.NONE);
  }
}
