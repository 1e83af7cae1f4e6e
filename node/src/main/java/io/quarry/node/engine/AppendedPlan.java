package io.quarry.node.engine;

import io.quarry.exec.plan.AggPhase;
import io.quarry.exec.plan.AggregateNode;
import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.FilterNode;
import io.quarry.exec.plan.LimitNode;
import io.quarry.exec.plan.MergedPartialsNode;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ProjectNode;
import io.quarry.exec.plan.ScanNode;
import io.quarry.exec.plan.SortNode;
import io.quarry.exec.plan.ShardRef;
import io.quarry.planner.PlannedQuery;
import io.quarry.planner.ScanSummary;
import io.quarry.sql.ShardDefinition;
import io.quarry.sql.TableDefinition;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The plan of a query over a table's new version derived from its plan over the previous version,
 * when the new version only appends shards (the old shards, unchanged, come first). Each per-shard
 * fan-out of the table (an exchange input that is a chain of one-input operators over a scan of one
 * of its shards) gets the same fragment for every new shard whose statistics do not rule out the
 * scan's filter, right after the table's existing fragments. That is what planning again gives
 * too: an exchange over a table is the union of per-shard fragments, so everything above it stays
 * right. Whenever the plan uses the table in any other way (a shard read inside a join fragment, a
 * scan pruned to nothing, a reference to a fixed version) there is no derived plan and the query is
 * planned again.
 *
 * <p>Where the fan-out is of partial aggregates under the query's final aggregation (not inside
 * another fragment), and their states merge exactly, the old shards' fragments and the new ones
 * become one {@link MergedPartialsNode} whose old shards are one part: a merge of the same shards
 * the previous run computed as a whole (and the cache kept), so a recurring aggregate reads one
 * result for all its old shards, and the next append finds this run's merge in the cache the same
 * way.
 */
final class AppendedPlan {
  private static final ShardRef PLACEHOLDER = new ShardRef("", 0, 0);

  private final Set<String> oldShards = new HashSet<>();
  private final TableDefinition now;
  private final List<ShardDefinition> added;
  private final List<Integer> groupSizes = new ArrayList<>();
  private final List<Integer> groupAdded = new ArrayList<>();
  private int scansSeen;
  private int scansExtended;
  private boolean duplicate;
  private int depth; // > 0: inside a fragment (an exchange input)

  private AppendedPlan(TableDefinition old, TableDefinition now) {
    for (ShardDefinition s : old.shards()) {
      oldShards.add(s.cid());
    }
    this.now = now;
    this.added = now.shards().subList(old.shards().size(), now.shards().size());
  }

  /**
   * {@code previous}, planned while dataset {@code name} was {@code old}, extended to its version
   * {@code now}; empty when {@code now} is not {@code old} plus shards or the plan cannot be
   * extended safely.
   */
  static Optional<PlannedQuery> extend(
      PlannedQuery previous, String name, TableDefinition old, TableDefinition now) {
    if (!now.columns().equals(old.columns())
        || now.shards().size() < old.shards().size()
        || !now.shards().subList(0, old.shards().size()).equals(old.shards())) {
      return Optional.empty();
    }
    List<ScanSummary> reads = new ArrayList<>();
    for (ScanSummary s : previous.scans()) {
      if (s.root().equals(old.root())) {
        if (!s.table().equalsIgnoreCase(name) || s.scannedShards() == 0) {
          return Optional.empty();
        }
        reads.add(s);
      }
    }
    AppendedPlan extension = new AppendedPlan(old, now);
    PlanNode root = extension.rewrite(previous.root());
    if (root == null || extension.duplicate || extension.scansExtended != extension.scansSeen) {
      return Optional.empty();
    }
    if (extension.groupSizes.size() != reads.size()) {
      return Optional.empty();
    }
    List<ScanSummary> scans = new ArrayList<>();
    int read = 0;
    for (ScanSummary s : previous.scans()) {
      if (!s.root().equals(old.root())) {
        scans.add(s);
        continue;
      }
      if (extension.groupSizes.get(read) != s.scannedShards()) {
        return Optional.empty();
      }
      scans.add(
          new ScanSummary(
              s.table(),
              now.root(),
              s.scannedShards() + extension.groupAdded.get(read),
              now.shards().size()));
      read++;
    }
    return Optional.of(new PlannedQuery(root, scans, List.of()));
  }

  /** The plan with the new shards' fragments added; null when some node cannot be rebuilt. */
  private PlanNode rewrite(PlanNode node) {
    if (node instanceof ScanNode scan) {
      if (oldShards.contains(scan.shard().cid())) {
        scansSeen++;
      }
      return node;
    }
    if (node instanceof ExchangeNode exchange) {
      return extendExchange(exchange, false);
    }
    if (node instanceof MergedPartialsNode merged) {
      // Merges are extended where they are exchange inputs only.
      return merged.shards().stream().anyMatch(s -> oldShards.contains(s.cid())) ? null : merged;
    }
    if (depth == 0
        && node instanceof AggregateNode a
        && a.phase() == AggPhase.FINAL
        && a.input() instanceof ExchangeNode exchange) {
      PlanNode in = extendExchange(exchange, true);
      return in == null ? null : new AggregateNode(in, a.groupKeys(), a.calls(), a.phase());
    }
    return rebuild(node, this::rewrite);
  }

  /**
   * {@code exchange} with the new shards' fragments; with {@code merging}, each fan-out of partial
   * aggregates that merge exactly becomes one {@link MergedPartialsNode} instead.
   */
  private PlanNode extendExchange(ExchangeNode exchange, boolean merging) {
    // Inputs that fan out over the table, grouped by their form without the shard. Found by
    // equality, not hashing: a plan node's hash walks its whole tree every time, while the
    // fragments of one fan-out share their expressions, so comparing them stops at references.
    // A merge of old shards counts as the fan-out of its template over them.
    Map<PlanNode, List<Integer>> groups = new IdentityHashMap<>();
    Map<PlanNode, ScanNode> scans = new IdentityHashMap<>();
    Map<PlanNode, PlanNode> firsts = new IdentityHashMap<>();
    Map<PlanNode, List<ShardRef>> covered = new IdentityHashMap<>();
    List<PlanNode> templates = new ArrayList<>();
    List<PlanNode> inputs = new ArrayList<>();
    for (int i = 0; i < exchange.inputs().size(); i++) {
      PlanNode input = exchange.inputs().get(i);
      PlanNode chain = input instanceof MergedPartialsNode m ? m.template() : input;
      ScanNode scan = chainScan(chain);
      if (scan == null) {
        depth++;
        PlanNode rewritten = rewrite(input);
        depth--;
        if (rewritten == null) {
          return null;
        }
        inputs.add(rewritten);
        continue;
      }
      List<ShardRef> shards = List.of(scan.shard());
      if (input instanceof MergedPartialsNode m) {
        if (!merging || !m.shards().stream().allMatch(s -> oldShards.contains(s.cid()))) {
          return null;
        }
        shards = m.shards();
      }
      PlanNode template = sameAs(templates, withShard(chain, PLACEHOLDER));
      if (template == null) {
        return null;
      }
      groups.computeIfAbsent(template, t -> new ArrayList<>()).add(i);
      scans.putIfAbsent(template, scan);
      firsts.putIfAbsent(template, chain);
      covered.computeIfAbsent(template, t -> new ArrayList<>()).addAll(shards);
      inputs.add(input);
    }
    if (groups.isEmpty()) {
      return new ExchangeNode(inputs);
    }
    Map<Integer, List<PlanNode>> after = new LinkedHashMap<>();
    Set<Integer> merged = new HashSet<>();
    for (PlanNode template : templates) {
      List<Integer> positions = groups.get(template);
      List<ShardRef> old = covered.get(template);
      Set<String> distinct = new HashSet<>();
      for (ShardRef s : old) {
        distinct.add(s.cid());
      }
      duplicate |= distinct.size() != old.size();
      scansSeen += old.size();
      scansExtended += old.size();
      ScanNode scan = scans.get(template);
      List<ShardRef> newShards = new ArrayList<>();
      List<PlanNode> extra = new ArrayList<>();
      for (ShardDefinition shard : added) {
        if (ShardFilterCheck.mayMatch(scan, now, shard)) {
          ShardRef ref = new ShardRef(shard.cid(), shard.rows(), shard.bytes());
          PlanNode fragment = withShard(template, ref);
          if (fragment == null) {
            return null;
          }
          newShards.add(ref);
          extra.add(fragment);
        }
      }
      groupSizes.add(old.size());
      groupAdded.add(extra.size());
      int last = positions.get(positions.size() - 1);
      if (merging && !extra.isEmpty() && MergedPartialsNode.mergesExactly(firsts.get(template))) {
        List<ShardRef> all = new ArrayList<>(old);
        all.addAll(newShards);
        PlanNode merge =
            new MergedPartialsNode(
                (AggregateNode) firsts.get(template), all, old.size() >= 2 ? old.size() : 0);
        merged.addAll(positions);
        after.put(last, List.of(merge));
        continue;
      }
      after.computeIfAbsent(last, p -> new ArrayList<>()).addAll(extra);
    }
    List<PlanNode> out = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      if (!merged.contains(i)) {
        out.add(inputs.get(i));
      }
      out.addAll(after.getOrDefault(i, List.of()));
    }
    return new ExchangeNode(out);
  }

  /**
   * The template in {@code templates} equal to {@code template} (that object: the maps of groups
   * are by identity), else {@code template} added to them; null for null.
   */
  private static PlanNode sameAs(List<PlanNode> templates, PlanNode template) {
    if (template == null) {
      return null;
    }
    for (PlanNode t : templates) {
      if (t.equals(template)) {
        return t;
      }
    }
    templates.add(template);
    return template;
  }

  /** The scan of an old shard at the bottom of a chain of one-input operators, else null. */
  private ScanNode chainScan(PlanNode input) {
    PlanNode n = input;
    while (!(n instanceof ScanNode) && !(n instanceof ExchangeNode) && n.inputs().size() == 1) {
      n = n.inputs().get(0);
    }
    return n instanceof ScanNode scan && oldShards.contains(scan.shard().cid()) ? scan : null;
  }

  /** The chain {@code input} with its scan reading {@code shard} instead. */
  private static PlanNode withShard(PlanNode input, ShardRef shard) {
    if (input instanceof ScanNode scan) {
      return new ScanNode(shard, scan.schema(), scan.filter());
    }
    return rebuild(input, child -> withShard(child, shard));
  }

  /**
   * {@code node} with every plan node among its record components replaced by {@code f} of it;
   * null if {@code f} gave null for one or the node cannot be rebuilt.
   */
  static PlanNode rebuild(PlanNode node, UnaryOperator<PlanNode> f) {
    if (node.inputs().isEmpty()) {
      return node;
    }
    // The nodes of per-shard fragments directly (reflection is slow the first times it runs).
    if (node instanceof FilterNode n) {
      PlanNode in = f.apply(n.input());
      return in == null ? null : new FilterNode(in, n.condition());
    }
    if (node instanceof ProjectNode n) {
      PlanNode in = f.apply(n.input());
      return in == null ? null : new ProjectNode(in, n.exprs(), n.names());
    }
    if (node instanceof AggregateNode n) {
      PlanNode in = f.apply(n.input());
      return in == null ? null : new AggregateNode(in, n.groupKeys(), n.calls(), n.phase());
    }
    if (node instanceof SortNode n) {
      PlanNode in = f.apply(n.input());
      return in == null ? null : new SortNode(in, n.keys(), n.offset(), n.fetch());
    }
    if (node instanceof LimitNode n) {
      PlanNode in = f.apply(n.input());
      return in == null ? null : new LimitNode(in, n.offset(), n.fetch());
    }
    return rebuildByReflection(node, f);
  }

  /** {@link #rebuild} for any record node, through its canonical constructor. */
  private static PlanNode rebuildByReflection(PlanNode node, UnaryOperator<PlanNode> f) {
    Class<?> type = node.getClass();
    RecordComponent[] components = type.getRecordComponents();
    if (components == null) {
      return null;
    }
    try {
      Object[] values = new Object[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        Object value = components[i].getAccessor().invoke(node);
        if (value instanceof PlanNode child) {
          value = f.apply(child);
          if (value == null) {
            return null;
          }
        } else if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof PlanNode) {
          List<PlanNode> children = new ArrayList<>(list.size());
          for (Object child : list) {
            PlanNode mapped = f.apply((PlanNode) child);
            if (mapped == null) {
              return null;
            }
            children.add(mapped);
          }
          value = children;
        }
        values[i] = value;
      }
      Constructor<?> constructor = type.getDeclaredConstructor(types);
      return (PlanNode) constructor.newInstance(values);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
