package io.quarry.connectors.importer;

import static java.util.Objects.requireNonNull;

import io.quarry.connectors.parquet.ParquetRowReader;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A flat Parquet file; its column types are fixed by its schema (see ParquetTypes#importType). */
final class ParquetInput implements ImportInput {
  private final Path path;

  ParquetInput(Path path) {
    this.path = requireNonNull(path, "path is null");
  }

  @Override
  public Path path() {
    return path;
  }

  @Override
  public InputSample sample(int rows) {
    try (ParquetRowReader reader = new ParquetRowReader(path, path.toString())) {
      List<String> names = new ArrayList<>();
      Map<String, DataType> types = new LinkedHashMap<>();
      for (Column column : reader.columns()) {
        names.add(column.name());
        types.put(column.name(), column.type());
      }
      return new InputSample(names, types, Map.of());
    }
  }

  @Override
  public RowSource open(TargetSchema schema) {
    ParquetRowReader reader = new ParquetRowReader(path, path.toString());
    Map<String, Integer> index = schema.indexByName();
    List<Column> columns = reader.columns();
    int[] target = new int[columns.size()];
    for (int i = 0; i < target.length; i++) {
      target[i] = index.get(columns.get(i).name());
    }
    int width = schema.columns().size();
    return new RowSource() {
      @Override
      public Object[] next() {
        Object[] values = reader.next();
        if (values == null) {
          return null;
        }
        Object[] row = new Object[width];
        for (int i = 0; i < target.length; i++) {
          row[target[i]] = values[i];
        }
        return row;
      }

      @Override
      public long bytesRead() {
        return reader.bytesConsumed();
      }

      @Override
      public void close() {
        reader.close();
      }
    };
  }
}
