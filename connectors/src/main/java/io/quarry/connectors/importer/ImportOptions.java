package io.quarry.connectors.importer;

import static java.util.Objects.requireNonNull;

import io.quarry.types.DataType;
import java.util.Map;

/**
 * How to import: the dataset name, whether to add a version to an existing dataset, the most rows
 * per shard, and column types that win over inference (by column name, for CSV and JSON inputs).
 */
public record ImportOptions(
    String name, boolean append, long shardRows, Map<String, DataType> typeOverrides) {
  public static final long DEFAULT_SHARD_ROWS = 1_000_000;

  public ImportOptions {
    requireNonNull(name, "name is null");
    typeOverrides = Map.copyOf(requireNonNull(typeOverrides, "typeOverrides is null"));
    if (shardRows < 1) {
      throw new IllegalArgumentException("shardRows must be positive: " + shardRows);
    }
  }

  /** A new dataset with default shard size and no overrides. */
  public static ImportOptions create(String name) {
    return new ImportOptions(name, false, DEFAULT_SHARD_ROWS, Map.of());
  }

  public ImportOptions withAppend(boolean append) {
    return new ImportOptions(name, append, shardRows, typeOverrides);
  }

  public ImportOptions withShardRows(long shardRows) {
    return new ImportOptions(name, append, shardRows, typeOverrides);
  }

  public ImportOptions withTypeOverrides(Map<String, DataType> typeOverrides) {
    return new ImportOptions(name, append, shardRows, typeOverrides);
  }
}
