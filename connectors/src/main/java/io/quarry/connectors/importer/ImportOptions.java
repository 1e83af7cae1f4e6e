package io.quarry.connectors.importer;

import static java.util.Objects.requireNonNull;

import io.quarry.types.DataType;
import java.util.Map;

/**
 * How to import: the dataset name, whether to add the rows to an existing dataset's ({@code
 * append}) or make them its next version on their own ({@code replace}; neither: the dataset must
 * be new), the most rows per shard, the Parquet data size at which a shard ends whatever its rows,
 * and column types that win over inference (by column name, for CSV and JSON inputs).
 */
public record ImportOptions(
    String name,
    boolean append,
    boolean replace,
    long shardRows,
    long shardBytes,
    Map<String, DataType> typeOverrides) {
  public static final long DEFAULT_SHARD_ROWS = 1_000_000;
  public static final long DEFAULT_SHARD_BYTES = 512L << 20;

  /** The smallest shard size: below it, Parquet's own overhead dominates. */
  public static final long MIN_SHARD_BYTES = 1L << 20;

  public ImportOptions {
    requireNonNull(name, "name is null");
    typeOverrides = Map.copyOf(requireNonNull(typeOverrides, "typeOverrides is null"));
    if (shardRows < 1) {
      throw new IllegalArgumentException("shardRows must be positive: " + shardRows);
    }
    if (append && replace) {
      throw new IllegalArgumentException("an import appends or replaces, not both");
    }
    if (shardBytes < MIN_SHARD_BYTES) {
      throw new IllegalArgumentException(
          "a shard size must be at least 1 MiB (" + MIN_SHARD_BYTES + " bytes), not " + shardBytes);
    }
  }

  public ImportOptions(
      String name, boolean append, long shardRows, Map<String, DataType> typeOverrides) {
    this(name, append, false, shardRows, DEFAULT_SHARD_BYTES, typeOverrides);
  }

  public ImportOptions(
      String name,
      boolean append,
      long shardRows,
      long shardBytes,
      Map<String, DataType> typeOverrides) {
    this(name, append, false, shardRows, shardBytes, typeOverrides);
  }

  /** A new dataset with default shard size and no overrides. */
  public static ImportOptions create(String name) {
    return new ImportOptions(name, false, DEFAULT_SHARD_ROWS, Map.of());
  }

  public ImportOptions withAppend(boolean append) {
    return new ImportOptions(name, append, replace, shardRows, shardBytes, typeOverrides);
  }

  /** The rows become the dataset's next version on their own (or its first). */
  public ImportOptions withReplace(boolean replace) {
    return new ImportOptions(name, append, replace, shardRows, shardBytes, typeOverrides);
  }

  public ImportOptions withShardRows(long shardRows) {
    return new ImportOptions(name, append, replace, shardRows, shardBytes, typeOverrides);
  }

  public ImportOptions withShardBytes(long shardBytes) {
    return new ImportOptions(name, append, replace, shardRows, shardBytes, typeOverrides);
  }

  public ImportOptions withTypeOverrides(Map<String, DataType> typeOverrides) {
    return new ImportOptions(name, append, replace, shardRows, shardBytes, typeOverrides);
  }
}
