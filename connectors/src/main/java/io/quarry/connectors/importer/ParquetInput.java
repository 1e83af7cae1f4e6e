package io.quarry.connectors.importer;

import static java.util.Objects.requireNonNull;

import io.quarry.connectors.parquet.ParquetFiles;
import io.quarry.connectors.parquet.ParquetRowReader;
import io.quarry.connectors.parquet.ParquetTypes;
import io.quarry.connectors.parquet.ShardWriter;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

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

  /**
   * Whether this file can be taken over as a shard byte for byte: written by {@link ShardWriter}
   * (its writer name, zstd) with exactly the
   * Parquet schema of a shard of {@code columns}, and within the shard limits.
   */
  boolean isShardOf(List<Column> columns, long maxRows, long maxBytes) {
    try (ParquetFileReader reader = ParquetFiles.open(path, path.toString())) {
      ParquetMetadata footer = reader.getFooter();
      if (!ShardWriter.WRITER_NAME.equals(
              footer.getFileMetaData().getKeyValueMetaData().get(ParquetWriter.OBJECT_MODEL_NAME_PROP))
          || !footer.getFileMetaData().getSchema().equals(ParquetTypes.shardSchema(columns))
          || Files.size(path) > maxBytes) {
        return false;
      }
      long rows = 0;
      for (BlockMetaData block : footer.getBlocks()) {
        rows += block.getRowCount();
        for (ColumnChunkMetaData chunk : block.getColumns()) {
          if (chunk.getCodec() != CompressionCodecName.ZSTD) {
            return false;
          }
        }
      }
      return rows > 0 && rows <= maxRows;
    } catch (IOException e) {
      return false;
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
