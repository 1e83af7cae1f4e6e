package io.quarry.types;

import static java.util.Objects.requireNonNull;

/** A named, typed column of a table, a shard or an operator's output. */
public record Column(String name, DataType type) {
  public Column {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
  }
}
