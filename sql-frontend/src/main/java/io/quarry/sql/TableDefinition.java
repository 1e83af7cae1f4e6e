package io.quarry.sql;

import static java.util.Objects.requireNonNull;

import io.quarry.types.Column;
import java.util.List;

/**
 * A table a query can read: the name it was found by, the CID of the dataset root it resolved to,
 * its columns and its shards.
 */
public record TableDefinition(
    String name, String root, List<Column> columns, List<ShardDefinition> shards) {
  public TableDefinition {
    requireNonNull(name, "name is null");
    requireNonNull(root, "root is null");
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
    shards = List.copyOf(requireNonNull(shards, "shards is null"));
  }

  public long rows() {
    long rows = 0;
    for (ShardDefinition s : shards) {
      rows += s.rows();
    }
    return rows;
  }
}
