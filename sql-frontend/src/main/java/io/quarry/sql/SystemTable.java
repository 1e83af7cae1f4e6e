package io.quarry.sql;

import static java.util.Objects.requireNonNull;

import io.quarry.types.Column;
import java.util.List;
import java.util.function.Supplier;

/**
 * A table of the engine's own state in schema {@code system} (e.g. {@code system.cache}). Its rows,
 * in the canonical Java forms of its column types, are read once per statement when the statement
 * is planned, so a query sees the state as it was then.
 */
public record SystemTable(String name, List<Column> columns, Supplier<List<List<Object>>> rows) {
  public SystemTable {
    requireNonNull(name, "name is null");
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
    requireNonNull(rows, "rows is null");
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("system table " + name + " has no columns");
    }
  }

  /** The qualified name as queries write it, e.g. {@code system.cache}. */
  public String qualifiedName() {
    return SystemSchema.NAME + "." + name;
  }
}
