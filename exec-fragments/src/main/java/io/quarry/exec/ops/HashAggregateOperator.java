package io.quarry.exec.ops;

import static java.util.Objects.requireNonNull;

import io.quarry.exec.ArrowTypes;
import io.quarry.exec.ExecContext;
import io.quarry.exec.HeapCharge;
import io.quarry.exec.Operator;
import io.quarry.exec.hash.GroupTable;
import io.quarry.exec.hash.KeyEncoder;
import io.quarry.exec.plan.AggCall;
import io.quarry.exec.plan.AggFunction;
import io.quarry.exec.plan.AggPhase;
import io.quarry.exec.plan.AggregateNode;
import io.quarry.exec.vector.Batches;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Hash aggregation in SINGLE, PARTIAL, FINAL or INTERMEDIATE phase (see {@link AggPhase}). Each
 * input batch is turned into a group-id array in one pass over its key columns ({@link GroupTable}); then every
 * aggregate folds the batch into its per-group primitive arrays in a tight loop. The first row of
 * each new group is copied into key vectors, which are gathered into the output.
 */
public final class HashAggregateOperator implements Operator {
  private final AggregateNode node;
  private final Operator input;
  private final ExecContext ctx;
  private final Schema schema;
  private final List<Column> outColumns;
  private final boolean merging;
  private final boolean emitsPartial; // PARTIAL and INTERMEDIATE hand on states, not values
  /** The heap a group's state takes in one accumulator, roughly (a sum and a count). */
  private static final int ACCUMULATOR_BYTES = 16;

  private final int[] keys;
  private final List<AggAccumulator> accumulators = new ArrayList<>();
  private final int[] stateWidths;
  private final KeyEncoder encoder;
  private final GroupTable table;
  private final HeapCharge charge; // the table's and the accumulators' heap, against the limit
  private int chargedGroups; // groups whose accumulator state is counted
  private final List<FieldVector> keyStore = new ArrayList<>();
  private final GroupHistogram histogram = new GroupHistogram();
  private int[] gid = new int[0];
  private int[] filtered = new int[0];
  private int[] newRows = new int[0];
  private int groups;
  private long rowsSeen;
  private boolean consumed;
  private int emitted;
  private boolean closed;

  public HashAggregateOperator(AggregateNode node, Operator input, ExecContext ctx) {
    this.node = requireNonNull(node, "node is null");
    this.input = requireNonNull(input, "input is null");
    this.ctx = requireNonNull(ctx, "ctx is null");
    this.outColumns = node.schema();
    this.schema = ArrowTypes.toSchema(outColumns);
    this.merging = node.phase() == AggPhase.FINAL || node.phase() == AggPhase.INTERMEDIATE;
    this.emitsPartial = node.phase() == AggPhase.PARTIAL || node.phase() == AggPhase.INTERMEDIATE;
    this.keys = node.groupKeys().stream().mapToInt(Integer::intValue).toArray();
    List<Column> in = node.input().schema();
    this.stateWidths = new int[node.calls().size()];
    int state = keys.length;
    for (int c = 0; c < node.calls().size(); c++) {
      AggCall call = node.calls().get(c);
      stateWidths[c] = call.function() == AggFunction.AVG ? 2 : 1;
      accumulators.add(accumulator(call, in, state));
      state += stateWidths[c];
    }
    if (!merging) {
      shareSumStates(node.calls());
    }
    this.encoder = keys.length == 0 ? null : new KeyEncoder(keys.length);
    this.charge = new HeapCharge(ctx.allocator());
    try {
      this.table = keys.length == 0 ? null : new GroupTable(charge);
      for (int k : keys) {
        FieldVector v = ArrowTypes.toField(in.get(k)).createVector(ctx.allocator());
        keyStore.add(v);
      }
    } catch (RuntimeException e) {
      keyStore.forEach(FieldVector::close);
      charge.close(); // the table's first arrays may be counted already
      throw e;
    }
  }

  /** SUM, SUM0 and AVG of the same column under the same filter share one set of sums. */
  private void shareSumStates(List<AggCall> calls) {
    for (int c = 0; c < calls.size(); c++) {
      if (!(accumulators.get(c) instanceof SumAccumulator sum)) {
        continue;
      }
      for (int d = 0; d < c; d++) {
        if (accumulators.get(d) instanceof SumAccumulator other
            && !other.sharesState()
            && calls.get(d).args().equals(calls.get(c).args())
            && calls.get(d).filter() == calls.get(c).filter()) {
          sum.shareStateOf(other);
          break;
        }
      }
    }
  }

  private AggAccumulator accumulator(AggCall call, List<Column> in, int state) {
    int valueColumn = merging ? state : call.args().isEmpty() ? -1 : call.args().get(0);
    DataType valueType = valueColumn < 0 ? null : in.get(valueColumn).type();
    return switch (call.function()) {
      case COUNT_STAR, COUNT ->
          new CountAccumulator(
              merging || call.function() == AggFunction.COUNT_STAR
                  ? new int[0]
                  : call.args().stream().mapToInt(Integer::intValue).toArray(),
              state);
      case SUM, SUM0, AVG ->
          new SumAccumulator(
              call.function(),
              valueColumn,
              merging && call.function() == AggFunction.AVG ? state + 1 : -1,
              valueType.kind() == TypeKind.DOUBLE,
              valueType.kind() == TypeKind.DECIMAL ? valueType.scale() : 0,
              call.function() + "(" + call.name() + ")");
      case MIN, BOOL_AND ->
          new MinMaxAccumulator(valueColumn, ValueSlots.MIN, false, ValueSlots.forType(valueType));
      case MAX, BOOL_OR ->
          new MinMaxAccumulator(valueColumn, ValueSlots.MAX, false, ValueSlots.forType(valueType));
      case ANY_VALUE ->
          new MinMaxAccumulator(
              valueColumn, ValueSlots.FIRST, false, ValueSlots.forType(valueType));
      case SINGLE_VALUE ->
          new MinMaxAccumulator(valueColumn, ValueSlots.FIRST, true, ValueSlots.forType(valueType));
    };
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    if (!consumed) {
      consume();
      consumed = true;
    }
    if (emitted >= groups) {
      return null;
    }
    int count = Math.min(ctx.batchSize(), groups - emitted);
    VectorSchemaRoot out = Batches.allocate(outColumns, ctx.allocator(), count);
    try {
      int[] rows = new int[count];
      for (int i = 0; i < count; i++) {
        rows[i] = emitted + i;
      }
      for (int k = 0; k < keys.length; k++) {
        Batches.gather(keyStore.get(k), rows, count, out.getVector(k));
      }
      int col = keys.length;
      for (int c = 0; c < accumulators.size(); c++) {
        AggAccumulator acc = accumulators.get(c);
        if (emitsPartial) {
          acc.writePartial(
              emitted, count, out.getFieldVectors().subList(col, col + stateWidths[c]));
          col += stateWidths[c];
        } else {
          acc.writeFinal(emitted, count, out.getVector(col++));
        }
      }
      for (FieldVector v : out.getFieldVectors()) {
        v.setValueCount(count);
      }
      out.setRowCount(count);
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
    emitted += count;
    return out;
  }

  private void consume() {
    while (true) {
      try (VectorSchemaRoot b = input.next()) {
        if (b == null) {
          break;
        }
        process(b);
      }
    }
    if (keys.length == 0) {
      // A partial over no rows has no row, and so has their merge (INTERMEDIATE).
      groups = emitsPartial && rowsSeen == 0 ? 0 : 1;
      accumulators.forEach(a -> a.ensureGroups(1));
    } else {
      for (FieldVector v : keyStore) {
        v.setValueCount(groups);
      }
    }
  }

  private void process(VectorSchemaRoot b) {
    int n = b.getRowCount();
    if (n == 0) {
      return;
    }
    rowsSeen += n;
    if (gid.length < n) {
      gid = new int[n];
      filtered = new int[n];
      newRows = new int[n];
    }
    if (keys.length == 0) {
      Arrays.fill(gid, 0, n, 0);
      groups = 1;
    } else {
      List<FieldVector> keyVectors = new ArrayList<>(keys.length);
      for (int k : keys) {
        keyVectors.add(b.getVector(k));
      }
      encoder.encode(keyVectors, n);
      int created = table.findOrInsert(encoder, gid, newRows);
      for (int j = 0; j < created; j++) {
        for (int k = 0; k < keys.length; k++) {
          Batches.copyValue(keyVectors.get(k), newRows[j], keyStore.get(k), groups + j);
        }
      }
      groups += created;
      chargeAccumulators();
    }
    if (!merging) {
      histogram.compute(gid, n, groups);
    }
    for (int c = 0; c < accumulators.size(); c++) {
      AggAccumulator acc = accumulators.get(c);
      if (acc instanceof SumAccumulator s && s.sharesState()) {
        continue;
      }
      acc.ensureGroups(groups);
      if (merging) {
        acc.merge(gid, n, b);
        continue;
      }
      int filter = node.calls().get(c).filter();
      if (filter < 0) {
        acc.add(gid, n, b, histogram);
      } else {
        acc.add(filter(gid, n, (BitVector) b.getVector(filter)), n, b, null);
      }
    }
    if (!merging) {
      histogram.clear();
    }
  }

  /** Counts the accumulators' per-group state as it grows (by doublings, as their arrays do). */
  private void chargeAccumulators() {
    if (groups > chargedGroups) {
      int target = Math.max(groups, 2 * chargedGroups);
      charge.add((long) (target - chargedGroups) * ACCUMULATOR_BYTES * accumulators.size());
      chargedGroups = target;
    }
  }

  private int[] filter(int[] groupIds, int n, BitVector f) {
    for (int i = 0; i < n; i++) {
      filtered[i] = !f.isNull(i) && f.get(i) != 0 ? groupIds[i] : -1;
    }
    return filtered;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      input.close();
    } finally {
      keyStore.forEach(FieldVector::close);
      charge.close();
    }
  }
}
