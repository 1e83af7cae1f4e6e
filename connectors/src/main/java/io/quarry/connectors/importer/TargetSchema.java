package io.quarry.connectors.importer;

import static java.util.Objects.requireNonNull;

import io.quarry.types.Column;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns an import writes, with where each type came from (inference, an override, the
 * existing dataset, a Parquet input), so that a value that does not fit can say why it was expected.
 */
record TargetSchema(List<Column> columns, List<String> origins) {
  TargetSchema {
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
    origins = List.copyOf(requireNonNull(origins, "origins is null"));
    if (columns.size() != origins.size()) {
      throw new IllegalArgumentException("one origin per column");
    }
  }

  /** Column index by name. */
  Map<String, Integer> indexByName() {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      index.put(columns.get(i).name(), i);
    }
    return index;
  }
}
