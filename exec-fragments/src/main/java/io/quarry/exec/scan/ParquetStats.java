package io.quarry.exec.scan;

import io.quarry.types.DataType;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/** Column chunk statistics in the canonical Java forms of the scan's types. */
final class ParquetStats {
  private ParquetStats() {}

  static RowGroupPruner.Stats of(
      ColumnChunkMetaData md, DataType type, PrimitiveType field, long rows) {
    Statistics<?> st;
    try {
      st = md.getStatistics();
    } catch (RuntimeException e) {
      return null;
    }
    if (st == null || st.isEmpty()) {
      return null;
    }
    long nulls = st.isNumNullsSet() ? st.getNumNulls() : -1;
    if (!st.hasNonNullValue()) {
      return new RowGroupPruner.Stats(null, null, nulls, rows);
    }
    Object min = canonical(st.genericGetMin(), type, field);
    Object max = canonical(st.genericGetMax(), type, field);
    return new RowGroupPruner.Stats(min, max, nulls, rows);
  }

  private static Object canonical(Object v, DataType type, PrimitiveType field) {
    try {
      LogicalTypeAnnotation logical = field.getLogicalTypeAnnotation();
      switch (type.kind()) {
        case INT:
        case DATE:
          return ((Number) v).intValue();
        case BIGINT:
          return ((Number) v).longValue();
        case TIMESTAMP:
          {
            long x = ((Number) v).longValue();
            if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
              return switch (ts.getUnit()) {
                case MILLIS -> Math.multiplyExact(x, 1000L);
                case MICROS -> x;
                case NANOS -> Math.floorDiv(x, 1000L);
              };
            }
            return x;
          }
        case DOUBLE:
          return ((Number) v).doubleValue();
        case DECIMAL:
          if (v instanceof Binary b) {
            return new BigDecimal(new BigInteger(b.getBytes()), type.scale());
          }
          return BigDecimal.valueOf(((Number) v).longValue(), type.scale());
        case VARCHAR:
          return ((Binary) v).toStringUsingUTF8();
        case BOOLEAN:
          return (Boolean) v;
        default:
          return null;
      }
    } catch (RuntimeException e) {
      return null;
    }
  }
}
