package io.quarry.exec.ops;

import io.quarry.exec.ArrowTypes;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Operator;
import io.quarry.exec.vector.Batches;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** Sources, contexts and result collection for operator tests. */
final class OpsTestSupport {
  static final DataType INT = DataType.of(TypeKind.INT);
  static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
  static final DataType DOUBLE = DataType.of(TypeKind.DOUBLE);
  static final DataType VARCHAR = DataType.of(TypeKind.VARCHAR);
  static final DataType BOOLEAN = DataType.of(TypeKind.BOOLEAN);
  static final DataType DATE = DataType.of(TypeKind.DATE);

  private OpsTestSupport() {}

  static ExecContext ctx(BufferAllocator allocator, int batchSize) {
    return new ExecContext(
        allocator,
        shard -> {
          throw new IllegalStateException("no shards in operator tests");
        },
        ForkJoinPool.commonPool(),
        batchSize);
  }

  static List<Column> columns(Object... nameTypePairs) {
    List<Column> out = new ArrayList<>();
    for (int i = 0; i < nameTypePairs.length; i += 2) {
      out.add(new Column((String) nameTypePairs[i], (DataType) nameTypePairs[i + 1]));
    }
    return out;
  }

  static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  static BigDecimal dec(String s) {
    return new BigDecimal(s);
  }

  /** An operator that emits the given rows in batches of {@code chunk} rows. */
  static Operator source(
      List<Column> columns, List<List<Object>> rows, int chunk, BufferAllocator allocator) {
    Schema schema = ArrowTypes.toSchema(columns);
    return new Operator() {
      private int position;
      private boolean sentEmpty;

      @Override
      public Schema schema() {
        return schema;
      }

      @Override
      public VectorSchemaRoot next() {
        if (rows.isEmpty() && !sentEmpty) {
          sentEmpty = true;
          return Batches.fromRows(columns, List.of(), allocator);
        }
        if (position >= rows.size()) {
          return null;
        }
        int end = Math.min(rows.size(), position + chunk);
        VectorSchemaRoot b = Batches.fromRows(columns, rows.subList(position, end), allocator);
        position = end;
        return b;
      }

      @Override
      public void close() {}
    };
  }

  /** Every row the operator produces, in order; closes the operator. */
  static List<List<Object>> run(Operator op) {
    List<List<Object>> out = new ArrayList<>();
    try (op) {
      while (true) {
        try (VectorSchemaRoot b = op.next()) {
          if (b == null) {
            break;
          }
          if (!b.getSchema().equals(op.schema())) {
            throw new AssertionError("batch schema " + b.getSchema() + " != " + op.schema());
          }
          out.addAll(Batches.toRows(b));
        }
      }
    }
    return out;
  }

  /** Rows in a canonical order, for comparing results whose order is not defined. */
  static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(Object::toString));
    return copy;
  }
}
