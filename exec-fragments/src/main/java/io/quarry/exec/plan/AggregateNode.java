package io.quarry.exec.plan;

import static java.util.Objects.requireNonNull;

import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Hash aggregation. Output: the group key columns (in {@code groupKeys} order), then one column per
 * call for SINGLE and FINAL, or each call's partial state columns for PARTIAL. With no group keys
 * it yields exactly one row in SINGLE and FINAL phase, even over no input.
 *
 * <p>For FINAL, {@code groupKeys} are the first key columns of the partial layout (0..k-1) and each
 * call's {@code args} are ignored: its state columns follow the keys in call order.
 */
public record AggregateNode(PlanNode input, List<Integer> groupKeys, List<AggCall> calls, AggPhase phase)
    implements PlanNode {
  public AggregateNode {
    requireNonNull(input, "input is null");
    groupKeys = List.copyOf(requireNonNull(groupKeys, "groupKeys is null"));
    calls = List.copyOf(requireNonNull(calls, "calls is null"));
    requireNonNull(phase, "phase is null");
  }

  @Override
  public List<Column> schema() {
    List<Column> in = input.schema();
    if (phase == AggPhase.INTERMEDIATE) {
      return List.copyOf(in); // group keys 0..k-1, then the states: the layout it merges
    }
    List<Column> out = new ArrayList<>();
    for (int k : groupKeys) {
      out.add(in.get(k));
    }
    for (AggCall call : calls) {
      if (phase == AggPhase.PARTIAL) {
        out.addAll(partialColumns(call, in));
      } else {
        out.add(new Column(call.name(), call.type()));
      }
    }
    return out;
  }

  /**
   * The partial state of one call: AVG is (sum, count); COUNT and COUNT_STAR are a BIGINT count;
   * every other function keeps one column of its final type.
   */
  public static List<Column> partialColumns(AggCall call, List<Column> input) {
    DataType count = new DataType(TypeKind.BIGINT, 0, 0, false);
    return switch (call.function()) {
      case AVG -> {
        DataType arg = input.get(call.args().get(0)).type();
        DataType sum =
            arg.kind() == TypeKind.DECIMAL
                ? new DataType(TypeKind.DECIMAL, DataType.MAX_DECIMAL_PRECISION, arg.scale(), true)
                : arg.kind() == TypeKind.DOUBLE ? DataType.of(TypeKind.DOUBLE) : DataType.of(TypeKind.BIGINT);
        yield List.of(new Column(call.name() + "$sum", sum), new Column(call.name() + "$count", count));
      }
      case COUNT, COUNT_STAR -> List.of(new Column(call.name(), count));
      default -> List.of(new Column(call.name(), call.type().withNullable(true)));
    };
  }

  @Override
  public List<PlanNode> inputs() {
    return List.of(input);
  }
}
