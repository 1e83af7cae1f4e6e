package io.quarry.cache;

import static java.util.Objects.requireNonNull;

import io.quarry.exec.ArrowTypes;
import io.quarry.exec.plan.PlanNode;
import io.quarry.types.Column;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A plan with what the cache derives from it: its key, its columns (Quarry and Arrow forms) and
 * the stored bytes of the shards it reads. Plans are immutable, so the cache computes this once per
 * plan object (see {@link ResultCache#keyedQuery}) rather than encoding and hashing the plan on
 * every run.
 */
public record KeyedPlan(
    PlanNode plan, FragmentKey key, List<Column> columns, Schema arrowSchema, long inputBytes) {
  public KeyedPlan {
    requireNonNull(plan, "plan is null");
    requireNonNull(key, "key is null");
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
    requireNonNull(arrowSchema, "arrowSchema is null");
    if (inputBytes < 0) {
      throw new IllegalArgumentException("inputBytes is negative: " + inputBytes);
    }
  }

  static KeyedPlan of(PlanNode plan, FragmentKey key) {
    List<Column> columns = plan.schema();
    return new KeyedPlan(
        plan, key, columns, ArrowTypes.toSchema(columns), FragmentKey.inputBytes(plan));
  }
}
