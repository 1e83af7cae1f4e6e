package io.quarry.jdbc;

import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.util.ArrayList;
import java.util.List;

/** Columns of a metadata result, written {@code NAME} (VARCHAR) or {@code NAME:TYPE}. */
final class MetaColumns {
  private MetaColumns() {}

  static List<Column> of(String... specs) {
    List<Column> columns = new ArrayList<>(specs.length);
    for (String spec : specs) {
      int colon = spec.indexOf(':');
      String name = colon < 0 ? spec : spec.substring(0, colon);
      TypeKind kind = colon < 0 ? TypeKind.VARCHAR : TypeKind.valueOf(spec.substring(colon + 1));
      columns.add(new Column(name, DataType.of(kind)));
    }
    return columns;
  }
}
