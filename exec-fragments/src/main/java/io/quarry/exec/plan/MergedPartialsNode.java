package io.quarry.exec.plan;

import static java.util.Objects.requireNonNull;

import io.quarry.types.Column;
import io.quarry.types.TypeKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The states of one partial aggregate run over many shards, merged into one row per group: what
 * the final aggregation above would make of those shards' partials, kept as one result. A
 * recurring aggregate over a dataset that grows by appends reads its old shards through one such
 * result instead of one partial per shard (see {@code AppendedPlan}).
 *
 * <p>{@code template} is the per-shard fragment (a PARTIAL aggregate over filters and projections
 * over a scan) of the first shard; the fragment of every other shard is the template reading that
 * shard. Its rows depend only on the template and the shards: states merge exactly (see {@link
 * #mergesExactly}), in any grouping. How it is computed is {@code prefix}: 0 merges each shard's
 * fragment; otherwise the first {@code prefix} shards are merged as one part (another such node,
 * most likely cached from the previous version of the dataset) with the later shards' fragments.
 * Cache keys leave {@code prefix} out ({@link PlanCodec#encodeAnonymous}), so the merge of the same
 * shards is one result however it was grouped.
 *
 * <p>Its only input is the exchange of those parts, made when first asked for, so a node that is
 * found in a cache never builds them.
 */
public final class MergedPartialsNode implements PlanNode {
  private final AggregateNode template;
  private final List<ShardRef> shards;
  private final int prefix;
  private List<PlanNode> fragments; // guarded by this
  private MergedPartialsNode older; // guarded by this
  private List<PlanNode> inputs; // guarded by this

  public MergedPartialsNode(AggregateNode template, List<ShardRef> shards, int prefix) {
    this.template = requireNonNull(template, "template is null");
    this.shards = List.copyOf(requireNonNull(shards, "shards is null"));
    if (!mergesExactly(template)) {
      throw new IllegalArgumentException("not a partial aggregate that merges exactly: " + template);
    }
    if (this.shards.isEmpty() || !this.shards.get(0).equals(scanOf(template).shard())) {
      throw new IllegalArgumentException("the template must read the first shard");
    }
    if (prefix != 0 && (prefix < 2 || prefix >= this.shards.size())) {
      throw new IllegalArgumentException(
          "prefix " + prefix + " of " + this.shards.size() + " shards: 0, or 2 to shards - 1");
    }
    this.prefix = prefix;
  }

  /**
   * Whether {@code node} is a partial aggregate over filters and projections over a scan whose
   * states merge to the same values in any grouping: no ANY_VALUE or SINGLE_VALUE, and no
   * floating-point column aggregated or kept (adding doubles in another order changes the last bits).
   */
  public static boolean mergesExactly(PlanNode node) {
    if (!(node instanceof AggregateNode a) || a.phase() != AggPhase.PARTIAL || scanOf(a) == null) {
      return false;
    }
    for (AggCall call : a.calls()) {
      if (call.function() == AggFunction.ANY_VALUE || call.function() == AggFunction.SINGLE_VALUE) {
        return false;
      }
    }
    return noDouble(a.input().schema()) && noDouble(a.schema());
  }

  private static boolean noDouble(List<Column> columns) {
    return columns.stream().noneMatch(c -> c.type().kind() == TypeKind.DOUBLE);
  }

  /** The scan at the bottom of an aggregate over filters and projections, else null. */
  private static ScanNode scanOf(AggregateNode aggregate) {
    PlanNode n = aggregate.input();
    while (n instanceof FilterNode || n instanceof ProjectNode) {
      n = n.inputs().get(0);
    }
    return n instanceof ScanNode s ? s : null;
  }

  /** The fragment of the first shard; every shard's fragment is this one reading that shard. */
  public AggregateNode template() {
    return template;
  }

  /** The shards whose partial states are merged, in dataset order. */
  public List<ShardRef> shards() {
    return shards;
  }

  /** How many leading shards are merged as one part when this is computed; 0 for none. */
  public int prefix() {
    return prefix;
  }

  /** This merge computed with its first {@code prefix} shards as one part. */
  public MergedPartialsNode withPrefix(int prefix) {
    return prefix == this.prefix ? this : new MergedPartialsNode(template, shards, prefix);
  }

  /** Every shard's fragment (the template reading that shard), in shard order, made once. */
  public synchronized List<PlanNode> fragments() {
    if (fragments == null) {
      List<PlanNode> out = new ArrayList<>(shards.size());
      out.add(template);
      for (ShardRef shard : shards.subList(1, shards.size())) {
        out.add(withShard(template, shard));
      }
      fragments = List.copyOf(out);
    }
    return fragments;
  }

  /** The aggregate that merges the parts' states into one row per group. */
  public AggregateNode merge() {
    List<Integer> keys = new ArrayList<>();
    for (int k = 0; k < template.groupKeys().size(); k++) {
      keys.add(k);
    }
    return new AggregateNode(template, keys, template.calls(), AggPhase.INTERMEDIATE);
  }

  @Override
  public List<Column> schema() {
    return template.schema();
  }

  /** The merge of the first {@code prefix} shards, the part computed as one; null without one. */
  public synchronized MergedPartialsNode olderPart() {
    if (older == null && prefix > 0) {
      older = new MergedPartialsNode(template, shards.subList(0, prefix), 0);
    }
    return older;
  }

  /** One exchange over the parts, in shard order: the prefix merged, then each later shard. */
  @Override
  public synchronized List<PlanNode> inputs() {
    if (inputs == null) {
      List<PlanNode> parts = new ArrayList<>();
      if (prefix > 0) {
        parts.add(olderPart());
      }
      parts.addAll(fragments().subList(prefix, shards.size()));
      inputs = List.of(new ExchangeNode(parts));
    }
    return inputs;
  }

  private static PlanNode withShard(PlanNode node, ShardRef shard) {
    if (node instanceof ScanNode s) {
      return new ScanNode(shard, s.schema(), s.filter());
    } else if (node instanceof FilterNode f) {
      return new FilterNode(withShard(f.input(), shard), f.condition());
    } else if (node instanceof ProjectNode p) {
      return new ProjectNode(withShard(p.input(), shard), p.exprs(), p.names());
    } else if (node instanceof AggregateNode a) {
      return new AggregateNode(withShard(a.input(), shard), a.groupKeys(), a.calls(), a.phase());
    }
    throw new IllegalArgumentException("not a per-shard chain: " + node);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MergedPartialsNode m
        && prefix == m.prefix
        && template.equals(m.template)
        && shards.equals(m.shards);
  }

  @Override
  public int hashCode() {
    return (template.hashCode() * 31 + shards.hashCode()) * 31 + prefix;
  }

  @Override
  public String toString() {
    return "MergedPartials[" + shards.size() + " shards from " + shards.get(0).cid() + ", prefix "
        + prefix + "]";
  }
}
