package io.quarry.connectors.parquet;

import static java.util.Objects.requireNonNull;

import io.quarry.connectors.dataset.ColumnStats;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/**
 * What a Parquet footer says about a file as a table: its columns (contract mapping), its row count
 * and per-column statistics merged over all row groups. Both the importer and manifest derivation
 * use this, so a manifest written at import equals one derived later from the same shards.
 */
public record ShardFooter(List<Column> columns, long rows, List<ColumnStats> stats) {
  public ShardFooter {
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
    stats = List.copyOf(requireNonNull(stats, "stats is null"));
  }

  /** Reads the footer of a local Parquet file; {@code name} names it in errors. */
  public static ShardFooter read(Path file, String name) {
    try (ParquetFileReader reader = ParquetFiles.open(file, name)) {
      return of(reader.getFooter(), name);
    } catch (IOException e) {
      throw ParquetFiles.malformed(name, "footer", e);
    }
  }

  public static ShardFooter of(ParquetMetadata footer, String name) {
    MessageType schema = footer.getFileMetaData().getSchema();
    List<Column> columns = ParquetTypes.columns(schema, name);
    long rows = 0;
    for (BlockMetaData block : footer.getBlocks()) {
      rows += block.getRowCount();
    }
    List<ColumnStats> stats = new ArrayList<>(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      stats.add(columnStats(footer.getBlocks(), i, columns.get(i).type(), schema.getType(i).asPrimitiveType()));
    }
    return new ShardFooter(columns, rows, stats);
  }

  private static ColumnStats columnStats(
      List<BlockMetaData> blocks, int column, DataType type, PrimitiveType parquetType) {
    Object min = null;
    Object max = null;
    long nulls = 0;
    boolean minMaxKnown = true;
    boolean sawValues = false;
    for (BlockMetaData block : blocks) {
      if (block.getRowCount() == 0) {
        continue;
      }
      ColumnChunkMetaData chunk = block.getColumns().get(column);
      Statistics<?> s = chunk.getStatistics();
      if (s == null || s.isEmpty()) {
        minMaxKnown = false;
        nulls = ColumnStats.UNKNOWN;
        continue;
      }
      if (nulls != ColumnStats.UNKNOWN) {
        nulls = s.isNumNullsSet() ? nulls + s.getNumNulls() : ColumnStats.UNKNOWN;
      }
      if (!s.hasNonNullValue()) {
        if (s.isNumNullsSet() && s.getNumNulls() == block.getRowCount()) {
          continue;
        }
        minMaxKnown = false;
        continue;
      }
      sawValues = true;
      Object blockMin = canonical(s.genericGetMin(), type, parquetType);
      Object blockMax = canonical(s.genericGetMax(), type, parquetType);
      if (blockMin == null || blockMax == null) {
        minMaxKnown = false;
        continue;
      }
      if (min == null || compare(blockMin, min) < 0) {
        min = blockMin;
      }
      if (max == null || compare(blockMax, max) > 0) {
        max = blockMax;
      }
    }
    if (!minMaxKnown || !sawValues) {
      min = null;
      max = null;
    }
    return new ColumnStats(min, max, nulls);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    return ((Comparable) a).compareTo(b);
  }

  /** A footer statistic in the canonical Java form of the column's type; null if not convertible. */
  static Object canonical(Object value, DataType type, PrimitiveType parquetType) {
    LogicalTypeAnnotation logical = parquetType.getLogicalTypeAnnotation();
    return switch (type.kind()) {
      case BOOLEAN -> (Boolean) value;
      case INT, DATE -> (Integer) value;
      case BIGINT -> (Long) value;
      case TIMESTAMP -> {
        long raw = (Long) value;
        TimestampLogicalTypeAnnotation ts = (TimestampLogicalTypeAnnotation) logical;
        yield switch (ts.getUnit()) {
          case MILLIS -> raw * 1000;
          case MICROS -> raw;
          case NANOS -> Math.floorDiv(raw, 1000L);
        };
      }
      case DOUBLE -> value instanceof Float f ? (Double) f.doubleValue() : (Double) value;
      case DECIMAL -> {
        BigInteger unscaled = switch (parquetType.getPrimitiveTypeName()) {
          case INT32 -> BigInteger.valueOf((Integer) value);
          case INT64 -> BigInteger.valueOf((Long) value);
          default -> new BigInteger(((Binary) value).getBytes());
        };
        yield new BigDecimal(unscaled, type.scale());
      }
      case VARCHAR -> ((Binary) value).toStringUsingUTF8();
      default -> null;
    };
  }
}
