package io.quarry.node.engine;

import static java.util.Objects.requireNonNull;

import io.quarry.types.Column;
import java.util.List;

/** A dataset as metadata shows it: its name, its columns and the CID of its latest root. */
public record TableInfo(String name, List<Column> columns, String root) {
  public TableInfo {
    requireNonNull(name, "name is null");
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
    requireNonNull(root, "root is null");
  }
}
