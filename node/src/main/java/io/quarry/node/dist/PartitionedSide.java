package io.quarry.node.dist;

import static java.util.Objects.requireNonNull;

import io.quarry.cid.Cid;
import io.quarry.error.QuarryException;
import io.quarry.exec.ExecContext;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ResultNode;
import io.quarry.exec.plan.UnionNode;
import io.quarry.exec.plan.ValuesNode;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.identity.PeerId;
import io.quarry.types.Column;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One side of a repartitioned join as stored: for each of its leaf fragments, the node that holds
 * that fragment's partitions and their results. Partition p of the side is the union of partition
 * p of every fragment. A fragment whose partitions cannot be fetched from their node any more is
 * partitioned again on another node (or here), once however many partitions need it; a side that
 * is not a set of leaf fragments was partitioned here and has no other node to go to.
 */
final class PartitionedSide {
  /** Attempts to make one fragment's partition local, each after partitioning it elsewhere. */
  private static final int ATTEMPTS = 8;

  private final List<Column> schema;
  private final PartitionSpec spec;
  private final List<PlanNode> leaves; // null entries: partitioned here, not a leaf fragment
  private final List<ShuffleDispatcher.Placed> placed; // guarded by this
  private final List<Set<PeerId>> failed; // guarded by this
  private final List<Object> repartitioning = new ArrayList<>(); // one lock per fragment

  PartitionedSide(
      List<Column> schema,
      PartitionSpec spec,
      List<PlanNode> leaves,
      List<ShuffleDispatcher.Placed> placed) {
    this.schema = List.copyOf(requireNonNull(schema, "schema is null"));
    this.spec = requireNonNull(spec, "spec is null");
    this.leaves = new ArrayList<>(requireNonNull(leaves, "leaves is null"));
    this.placed = new ArrayList<>(requireNonNull(placed, "placed is null"));
    if (this.leaves.size() != this.placed.size()) {
      throw new IllegalArgumentException(leaves.size() + " leaves, " + placed.size() + " placed");
    }
    this.failed = new ArrayList<>();
    for (int i = 0; i < this.leaves.size(); i++) {
      failed.add(new HashSet<>());
      repartitioning.add(new Object());
    }
  }

  /** Whether no row of the side fell into partition {@code p}. */
  synchronized boolean empty(int p) {
    return placed.stream().allMatch(at -> at.partitions().partitions().get(p) == null);
  }

  /** The results of partition {@code p} now, each with the address of the node that stores it. */
  synchronized Map<String, String> sources(int p) {
    Map<String, String> out = new LinkedHashMap<>();
    for (ShuffleDispatcher.Placed at : placed) {
      LeafPartitions.Part part = at.partitions().partitions().get(p);
      if (part != null) {
        out.put(part.result(), at.address().toString());
      }
    }
    return out;
  }

  /**
   * Partition {@code p} as a plan: the union of its stored results (one result alone, no rows
   * when none has rows).
   */
  synchronized PlanNode input(int p) {
    List<PlanNode> results = new ArrayList<>();
    for (ShuffleDispatcher.Placed at : placed) {
      LeafPartitions.Part part = at.partitions().partitions().get(p);
      if (part != null) {
        results.add(new ResultNode(part.result(), schema));
      }
    }
    if (results.isEmpty()) {
      return new ValuesNode(schema, List.of());
    }
    return results.size() == 1 ? results.get(0) : new UnionNode(results);
  }

  /** No rows, with the side's columns. */
  PlanNode none() {
    return new ValuesNode(schema, List.of());
  }

  /**
   * Makes partition {@code p} of every fragment local to this node, fetching each from the node
   * that stored it; a fragment whose node cannot send it is partitioned again on another.
   */
  void fetchHere(
      int p, ShuffleDispatcher shuffle, NodeAddress here, ExecContext ctx, Consumer<String> log) {
    for (int i = 0; i < leaves.size(); i++) {
      for (int attempt = 1; ; attempt++) {
        ShuffleDispatcher.Placed at;
        synchronized (this) {
          at = placed.get(i);
        }
        LeafPartitions.Part part = at.partitions().partitions().get(p);
        if (part == null) {
          break;
        }
        try {
          shuffle.fetch(Cid.parse(part.result()), at.address(), ctx);
          break;
        } catch (QuarryException e) {
          if (leaves.get(i) == null || attempt >= ATTEMPTS) {
            throw e;
          }
          log.accept(
              "partition " + p + " of a join input is not available from " + at.peer() + " "
                  + at.address() + ": " + e.getMessage());
          repartition(i, at, shuffle, here, ctx);
        }
      }
    }
  }

  /** Partitions fragment {@code i} again away from the node of {@code lost}, unless done. */
  private void repartition(
      int i,
      ShuffleDispatcher.Placed lost,
      ShuffleDispatcher shuffle,
      NodeAddress here,
      ExecContext ctx) {
    PlanNode leaf = leaves.get(i);
    Set<PeerId> exclude;
    synchronized (this) {
      if (placed.get(i) != lost) {
        return;
      }
      failed.get(i).add(lost.peer());
      exclude = Set.copyOf(failed.get(i));
    }
    ShuffleDispatcher.Placed again;
    synchronized (repartitioning.get(i)) {
      synchronized (this) {
        if (placed.get(i) != lost) {
          return;
        }
      }
      again = shuffle.partition(leaf, spec, exclude, here, ctx);
      synchronized (this) {
        placed.set(i, again);
      }
    }
  }
}
