package io.quarry.node.dist;

import static java.util.Objects.requireNonNull;

import io.quarry.cid.Cid;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Executor;
import io.quarry.exec.Operator;
import io.quarry.exec.hash.KeyPartitioner;
import io.quarry.exec.plan.PlanNode;
import io.quarry.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runs a plan and writes its rows, hash-partitioned on join keys ({@link KeyPartitioner}), into
 * stored results of this node, one per non-empty partition: what a holder does for a repartitioned
 * join with the output of a leaf fragment (kept in the {@link PartitionIndex} under the
 * fragment's partition key, so the same request is answered again without running anything), and
 * what a coordinator does itself when no holder can.
 */
final class LeafPartitioner {
  private final Store store;
  private final PartitionIndex index;
  private final String engineVersion;
  private final Object[] locks = new Object[64];

  LeafPartitioner(Store store, String engineVersion) {
    this.store = requireNonNull(store, "store is null");
    this.index = PartitionIndex.of(store);
    this.engineVersion = requireNonNull(engineVersion, "engineVersion is null");
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
  }

  PartitionIndex index() {
    return index;
  }

  /** The partitions of {@code fragment}'s rows stored here before, if all are still here. */
  Optional<LeafPartitions> stored(PlanNode fragment, PartitionSpec spec) {
    return index.get(spec.key(fragment, engineVersion)).map(LeafPartitions::asReused);
  }

  /**
   * The partitions of leaf fragment {@code fragment}'s rows: those stored before, else computed
   * with {@code ctx} (which reads its shards), stored and indexed. Requests for the same partitions
   * at the same time compute them once.
   */
  LeafPartitions obtain(PlanNode fragment, PartitionSpec spec, ExecContext ctx) {
    Cid key = spec.key(fragment, engineVersion);
    synchronized (locks[Math.floorMod(key.hashCode(), locks.length)]) {
      Optional<LeafPartitions> before = index.get(key);
      if (before.isPresent()) {
        return before.get().asReused();
      }
      LeafPartitions out = compute(fragment, spec, ctx);
      index.put(key, out);
      return out;
    }
  }

  /**
   * Computes {@code plan} with {@code ctx} and stores the partitions of its rows (not indexed:
   * for plans that are not leaf fragments, computed once per query).
   */
  LeafPartitions compute(PlanNode plan, PartitionSpec spec, ExecContext ctx) {
    KeyPartitioner partitioner = spec.partitioner();
    try (Operator op = Executor.build(plan, ctx);
        PartitionWriter out =
            new PartitionWriter(store, plan.schema(), spec.partitions(), ctx.allocator())) {
      for (VectorSchemaRoot next = op.next(); next != null; next = op.next()) {
        try (VectorSchemaRoot batch = next) {
          List<FieldVector> keys = new ArrayList<>();
          for (int k : spec.keys()) {
            keys.add(batch.getVector(k));
          }
          out.write(batch, partitioner.partitions(keys, batch.getRowCount()));
        }
      }
      return new LeafPartitions(out.store(true), out.rows(), out.bytes(), false);
    }
  }
}
