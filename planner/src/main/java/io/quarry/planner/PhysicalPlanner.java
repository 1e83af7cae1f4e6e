package io.quarry.planner;

import io.quarry.exec.expr.ColumnRef;
import io.quarry.exec.expr.Expr;
import io.quarry.exec.expr.Literal;
import io.quarry.exec.plan.AggCall;
import io.quarry.exec.plan.AggFunction;
import io.quarry.exec.plan.AggPhase;
import io.quarry.exec.plan.AggregateNode;
import io.quarry.exec.plan.FilterNode;
import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.JoinKind;
import io.quarry.exec.plan.JoinNode;
import io.quarry.exec.plan.LimitNode;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ProjectNode;
import io.quarry.exec.plan.ScanNode;
import io.quarry.exec.plan.ShardRef;
import io.quarry.exec.plan.SortKey;
import io.quarry.exec.plan.SortNode;
import io.quarry.exec.plan.UnionNode;
import io.quarry.exec.plan.ValuesNode;
import io.quarry.sql.QuarryTable;
import io.quarry.sql.ShardDefinition;
import io.quarry.sql.SqlTypes;
import io.quarry.sql.TableDefinition;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Translates an optimized Calcite plan into Quarry's physical plan. Table scans become one leaf
 * fragment per (unpruned) shard under an exchange; filters, projections, partial aggregation and
 * partial top-N are pushed into those fragments; the rest runs above the exchange.
 */
final class PhysicalPlanner {
  /**
   * Every fragment of a per-shard join carries its own copy of the build side's operators (they
   * share the hash table, but each is constructed); beyond this many extra operators the join runs
   * once above the exchange instead.
   */
  private static final double MAX_COPIED_OPERATORS = 512;

  private final RexBuilder rexBuilder;
  private final RelMetadataQuery mq;
  private final List<ScanSummary> scans = new ArrayList<>();

  PhysicalPlanner(RexBuilder rexBuilder, RelMetadataQuery mq) {
    this.rexBuilder = rexBuilder;
    this.mq = mq;
  }

  List<ScanSummary> scans() {
    return List.copyOf(scans);
  }

  PlanNode plan(RelNode rel) {
    return translate(rel).gather();
  }

  private Built translate(RelNode rel) {
    if (rel instanceof TableScan scan) {
      return scan(scan, null, null);
    }
    if (rel instanceof Filter filter) {
      if (filter.getInput() instanceof TableScan scan) {
        return scan(scan, filter.getCondition(), null);
      }
      Built input = translate(filter.getInput());
      Expr condition = translator(IntUnaryOperator.identity()).translate(filter.getCondition());
      return input.map(n -> new FilterNode(n, condition));
    }
    if (rel instanceof Project project) {
      if (project.getInput() instanceof TableScan scan) {
        return scan(scan, null, project);
      }
      if (project.getInput() instanceof Filter filter
          && filter.getInput() instanceof TableScan scan) {
        return scan(scan, filter.getCondition(), project);
      }
      Built input = translate(project.getInput());
      List<Expr> exprs = translateAll(project.getProjects(), IntUnaryOperator.identity());
      List<String> names = project.getRowType().getFieldNames();
      return input.map(n -> new ProjectNode(n, exprs, names));
    }
    if (rel instanceof Aggregate aggregate) {
      return aggregate(aggregate);
    }
    if (rel instanceof Sort sort) {
      return sort(sort);
    }
    if (rel instanceof Join join) {
      return join(join);
    }
    if (rel instanceof Union union) {
      return union(union);
    }
    if (rel instanceof Values values) {
      return new Built.Single(values(values));
    }
    if (rel instanceof Window window) {
      return new Built.Single(
          WindowTranslator.translate(window, translate(window.getInput()).gather()));
    }
    if (rel instanceof Correlate) {
      throw Literals.unsupported("this correlated sub-query (it could not be rewritten as a join)");
    }
    throw Literals.unsupported("relational operator " + rel.getRelTypeName());
  }

  private RexTranslator translator(IntUnaryOperator columns) {
    return new RexTranslator(rexBuilder, columns);
  }

  private List<Expr> translateAll(List<RexNode> nodes, IntUnaryOperator columns) {
    RexTranslator t = translator(columns);
    List<Expr> out = new ArrayList<>(nodes.size());
    for (RexNode n : nodes) {
      out.add(t.translate(n));
    }
    return out;
  }

  private Built scan(TableScan scan, RexNode condition, Project project) {
    QuarryTable table = scan.getTable().unwrap(QuarryTable.class);
    if (table == null) {
      throw Literals.unsupported("table " + scan.getTable().getQualifiedName());
    }
    TableDefinition def = table.definition();
    int n = def.columns().size();
    ImmutableBitSet used;
    if (project == null) {
      used = ImmutableBitSet.range(n);
    } else {
      used = RelOptUtil.InputFinder.bits(project.getProjects(), condition);
    }
    if (condition != null) {
      used = used.union(RelOptUtil.InputFinder.bits(condition));
    }
    if (used.isEmpty()) {
      used = ImmutableBitSet.of(0);
    }
    int[] map = new int[n];
    Arrays.fill(map, -1);
    List<Column> columns = new ArrayList<>();
    for (int i : used) {
      map[i] = columns.size();
      columns.add(def.columns().get(i));
    }
    IntUnaryOperator remap = i -> map[i];
    Expr filter = condition == null ? null : translator(remap).translate(condition);
    List<Expr> exprs = project == null ? null : translateAll(project.getProjects(), remap);
    List<String> names = project == null ? null : project.getRowType().getFieldNames();
    boolean identity = exprs != null && isIdentity(exprs, names, columns);

    List<PlanNode> fragments = new ArrayList<>();
    for (ShardDefinition shard : def.shards()) {
      if (!ShardPruner.mayMatch(def, shard, condition)) {
        continue;
      }
      PlanNode node =
          new ScanNode(new ShardRef(shard.cid(), shard.rows(), shard.bytes()), columns, filter);
      if (exprs != null && !identity) {
        node = new ProjectNode(node, exprs, names);
      }
      fragments.add(node);
    }
    scans.add(new ScanSummary(def.name(), def.root(), fragments.size(), def.shards().size()));
    if (fragments.isEmpty()) {
      List<Column> schema = new ArrayList<>();
      RelDataType rowType = project == null ? scan.getRowType() : project.getRowType();
      for (var f : rowType.getFieldList()) {
        schema.add(new Column(f.getName(), SqlTypes.toDataType(f.getType())));
      }
      return new Built.Single(new ValuesNode(schema, List.of()));
    }
    return new Built.Sharded(fragments);
  }

  private static boolean isIdentity(List<Expr> exprs, List<String> names, List<Column> columns) {
    if (exprs.size() != columns.size()) {
      return false;
    }
    for (int i = 0; i < exprs.size(); i++) {
      if (!(exprs.get(i) instanceof ColumnRef ref)
          || ref.index() != i
          || !names.get(i).equals(columns.get(i).name())) {
        return false;
      }
    }
    return true;
  }

  private Built aggregate(Aggregate aggregate) {
    if (aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
      return groupingSets(aggregate);
    }
    List<Integer> keys = aggregate.getGroupSet().asList();
    List<String> names = aggregate.getRowType().getFieldNames();
    List<AggCall> calls = new ArrayList<>();
    List<AggregateCall> aggCalls = aggregate.getAggCallList();
    // LITERAL_AGG (from sub-query rewrites) is a constant per group: projected after aggregating.
    List<Expr> constants = new ArrayList<>();
    for (int i = 0; i < aggCalls.size(); i++) {
      AggregateCall c = aggCalls.get(i);
      if (c.getAggregation().getKind() == SqlKind.LITERAL_AGG) {
        constants.add(translator(IntUnaryOperator.identity()).translate(c.rexList.get(0)));
        continue;
      }
      constants.add(null);
      calls.add(aggCall(c, names.get(keys.size() + i)));
    }
    PlanNode node = aggregateOver(translate(aggregate.getInput()), keys, calls);
    if (calls.size() < aggCalls.size()) {
      List<Column> schema = node.schema();
      List<Expr> exprs = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        exprs.add(new ColumnRef(i, schema.get(i).type()));
      }
      int next = keys.size();
      for (Expr constant : constants) {
        if (constant != null) {
          exprs.add(constant);
        } else {
          exprs.add(new ColumnRef(next, schema.get(next).type()));
          next++;
        }
      }
      node = new ProjectNode(node, exprs, names);
    }
    return new Built.Single(node);
  }

  private static AggCall aggCall(AggregateCall c, String name) {
    return new AggCall(
        function(c), c.getArgList(), c.filterArg, SqlTypes.toDataType(c.getType()), name);
  }

  /**
   * GROUPING SETS, ROLLUP and CUBE: one aggregation per grouping set, each over the input (per
   * shard, then merged, like any aggregation), its rows widened to the whole row type (NULL for
   * the keys it does not group by, GROUPING() as the constant bit mask of those keys), and UNION ALL
   * of them. Every set reads the input again: simple, and right for any aggregate function.
   */
  private Built groupingSets(Aggregate aggregate) {
    List<Integer> all = aggregate.getGroupSet().asList();
    List<RelDataTypeField> fields = aggregate.getRowType().getFieldList();
    List<String> names = aggregate.getRowType().getFieldNames();
    List<AggregateCall> aggCalls = aggregate.getAggCallList();
    List<AggCall> calls = new ArrayList<>();
    for (int i = 0; i < aggCalls.size(); i++) {
      AggregateCall c = aggCalls.get(i);
      switch (c.getAggregation().getKind()) {
        case GROUPING, GROUPING_ID -> {}
        case GROUP_ID, LITERAL_AGG ->
            throw Literals.unsupported(c.getAggregation().getName() + " with GROUPING SETS");
        default -> calls.add(aggCall(c, names.get(all.size() + i)));
      }
    }
    List<PlanNode> parts = new ArrayList<>();
    for (ImmutableBitSet set : aggregate.getGroupSets()) {
      List<Integer> keys = set.asList();
      PlanNode node = aggregateOver(translate(aggregate.getInput()), keys, calls);
      List<Column> schema = node.schema();
      List<Expr> exprs = new ArrayList<>();
      for (int k = 0; k < all.size(); k++) {
        DataType type = SqlTypes.toDataType(fields.get(k).getType());
        int at = keys.indexOf(all.get(k));
        exprs.add(
            at >= 0
                ? RexTranslator.cast(new ColumnRef(at, schema.get(at).type()), type)
                : new Literal(null, type));
      }
      int next = keys.size();
      for (int i = 0; i < aggCalls.size(); i++) {
        AggregateCall c = aggCalls.get(i);
        DataType type = SqlTypes.toDataType(fields.get(all.size() + i).getType());
        SqlKind kind = c.getAggregation().getKind();
        if (kind == SqlKind.GROUPING || kind == SqlKind.GROUPING_ID) {
          // A bit per argument, the first the highest: 1 where the key is not grouped by.
          long bits = 0;
          for (int arg : c.getArgList()) {
            bits = (bits << 1) | (set.get(arg) ? 0 : 1);
          }
          exprs.add(
              new Literal(
                  type.kind() == TypeKind.INT ? (Object) (int) bits : (Object) bits,
                  type));
        } else {
          exprs.add(RexTranslator.cast(new ColumnRef(next, schema.get(next).type()), type));
          next++;
        }
      }
      parts.add(new ProjectNode(node, exprs, names));
    }
    return new Built.Single(parts.size() == 1 ? parts.get(0) : new UnionNode(parts));
  }

  /**
   * {@code calls} grouped by {@code keys} over {@code input}: partial per shard, then final, when
   * the input is read shard by shard; in one step otherwise. Keys first, then the calls.
   */
  private static PlanNode aggregateOver(Built input, List<Integer> keys, List<AggCall> calls) {
    if (input instanceof Built.Sharded sharded) {
      Built partial = sharded.map(n -> new AggregateNode(n, keys, calls, AggPhase.PARTIAL));
      List<Integer> finalKeys = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        finalKeys.add(i);
      }
      return new AggregateNode(partial.gather(), finalKeys, calls, AggPhase.FINAL);
    }
    return new AggregateNode(input.gather(), keys, calls, AggPhase.SINGLE);
  }

  private static AggFunction function(AggregateCall c) {
    String name = c.getAggregation().getName();
    if (c.isDistinct()) {
      switch (c.getAggregation().getKind()) {
        case MIN, MAX, ANY_VALUE, SINGLE_VALUE -> {}
        default -> throw Literals.unsupported(name + "(DISTINCT ...) here");
      }
    }
    if (c.getArgList().size() > 1) {
      throw Literals.unsupported(name + " with more than one argument");
    }
    return switch (c.getAggregation().getKind()) {
      case COUNT -> c.getArgList().isEmpty() ? AggFunction.COUNT_STAR : AggFunction.COUNT;
      case SUM -> AggFunction.SUM;
      case SUM0 -> AggFunction.SUM0;
      case AVG -> AggFunction.AVG;
      case MIN -> AggFunction.MIN;
      case MAX -> AggFunction.MAX;
      case ANY_VALUE -> AggFunction.ANY_VALUE;
      case SINGLE_VALUE -> AggFunction.SINGLE_VALUE;
      default ->
          switch (name.toUpperCase(Locale.ROOT)) {
            case "EVERY", "BOOL_AND" -> AggFunction.BOOL_AND;
            case "SOME", "BOOL_OR" -> AggFunction.BOOL_OR;
            default -> throw Literals.unsupported("aggregate function " + name);
          };
    };
  }

  private Built sort(Sort sort) {
    long offset = sort.offset == null ? 0 : longValue(sort.offset, "OFFSET");
    long fetch = sort.fetch == null ? -1 : longValue(sort.fetch, "LIMIT");
    List<SortKey> keys = new ArrayList<>();
    for (RelFieldCollation fc : sort.getCollation().getFieldCollations()) {
      keys.add(
          new SortKey(
              fc.getFieldIndex(),
              fc.getDirection().isDescending(),
              fc.nullDirection == RelFieldCollation.NullDirection.FIRST));
    }
    Built input = translate(sort.getInput());
    if (keys.isEmpty()) {
      if (fetch >= 0 && input instanceof Built.Sharded sharded) {
        long keep = offset + fetch;
        input = sharded.map(n -> new LimitNode(n, 0, keep));
      }
      return new Built.Single(new LimitNode(input.gather(), offset, fetch));
    }
    if (fetch >= 0 && input instanceof Built.Sharded sharded) {
      long keep = offset + fetch;
      input = sharded.map(n -> new SortNode(n, keys, 0, keep));
    }
    return new Built.Single(new SortNode(input.gather(), keys, offset, fetch));
  }

  private static long longValue(RexNode node, String what) {
    if (node instanceof RexLiteral literal) {
      Long value = literal.getValueAs(Long.class);
      if (value != null && value >= 0) {
        return value;
      }
    }
    throw Literals.unsupported(what + " other than a non-negative integer constant");
  }

  /**
   * A hash join. The smaller side (by estimated rows) is the build side; when the probe side is
   * split into shard fragments and the join kind needs nothing but the build side to finish a probe
   * row (inner, left outer with the probe side preserved, semi, anti), the join runs inside each
   * fragment, so probing (and whatever per-row work and partial aggregation follows) uses every
   * core; the fragments share one build of the other side.
   */
  private Built join(Join join) {
    JoinKind kind =
        switch (join.getJoinType()) {
          case INNER -> JoinKind.INNER;
          case LEFT -> JoinKind.LEFT;
          case RIGHT -> JoinKind.RIGHT;
          case FULL -> JoinKind.FULL;
          case SEMI -> JoinKind.SEMI;
          case ANTI -> JoinKind.ANTI;
          default -> throw Literals.unsupported(join.getJoinType() + " join");
        };
    RelNode leftRel = join.getLeft();
    RelNode rightRel = join.getRight();
    List<Integer> leftKeys = new ArrayList<>();
    List<Integer> rightKeys = new ArrayList<>();
    List<Boolean> filterNulls = new ArrayList<>();
    RexNode remaining =
        RelOptUtil.splitJoinCondition(
            leftRel, rightRel, join.getCondition(), leftKeys, rightKeys, filterNulls);
    RexNode residual = remaining.isAlwaysTrue() ? null : remaining;

    Built leftBuilt = translate(leftRel);
    Built rightBuilt = translate(rightRel);
    PlanNode left = leftBuilt.gather();
    PlanNode right = rightBuilt.gather();
    int leftCount = left.schema().size();
    int rightCount = right.schema().size();
    List<Integer> lk = new ArrayList<>();
    List<Integer> rk = new ArrayList<>();
    List<Integer> nullSafeLeft = new ArrayList<>();
    List<Integer> nullSafeRight = new ArrayList<>();
    for (int i = 0; i < leftKeys.size(); i++) {
      boolean nullable =
          left.schema().get(leftKeys.get(i)).type().nullable()
              && right.schema().get(rightKeys.get(i)).type().nullable();
      if (filterNulls.get(i) || !nullable) {
        lk.add(leftKeys.get(i));
        rk.add(rightKeys.get(i));
      } else {
        nullSafeLeft.add(leftKeys.get(i));
        nullSafeRight.add(rightKeys.get(i));
      }
    }
    if (!nullSafeLeft.isEmpty()) {
      // IS NOT DISTINCT FROM keys: hash on (key is null, key or a default) so NULLs meet NULLs.
      left = NullSafeKeys.append(left, nullSafeLeft, lk);
      right = NullSafeKeys.append(right, nullSafeRight, rk);
    }
    int extraLeft = left.schema().size() - leftCount;
    int extraRight = right.schema().size() - rightCount;
    int wideLeft = leftCount + extraLeft;
    int wideRight = rightCount + extraRight;
    // Calcite's field i of the join, as an index into the widened left-then-right layout.
    IntUnaryOperator wide = i -> i < leftCount ? i : i + extraLeft;

    boolean swappable =
        kind == JoinKind.INNER || kind == JoinKind.LEFT || kind == JoinKind.RIGHT
            || kind == JoinKind.FULL;
    boolean swapped = swappable && rows(leftRel) < rows(rightRel);
    // The smaller side is the build side, which is the right input of a JoinNode.
    JoinKind nodeKind =
        !swapped
            ? kind
            : switch (kind) {
              case LEFT -> JoinKind.RIGHT;
              case RIGHT -> JoinKind.LEFT;
              default -> kind;
            };
    IntUnaryOperator output;
    if (swapped) {
      output =
          i -> {
            int w = wide.applyAsInt(i);
            return w < wideLeft ? wideRight + w : w - wideLeft;
          };
    } else {
      output = wide;
    }
    Expr residualExpr = residual == null ? null : translator(output).translate(residual);
    PlanNode probe = swapped ? right : left;
    PlanNode build = swapped ? left : right;
    List<Integer> probeKeys = swapped ? rk : lk;
    List<Integer> buildKeys = swapped ? lk : rk;
    Built probeBuilt = swapped ? rightBuilt : leftBuilt;
    boolean perShard =
        probeBuilt instanceof Built.Sharded sharded
            && nullSafeLeft.isEmpty()
            && (sharded.fragments().size() - 1)
                    * operatorCount(build, new IdentityHashMap<>())
                <= MAX_COPIED_OPERATORS
            && (nodeKind == JoinKind.INNER
                || nodeKind == JoinKind.LEFT
                || nodeKind == JoinKind.SEMI
                || nodeKind == JoinKind.ANTI);
    Built buildBuilt = swapped ? leftBuilt : rightBuilt;
    JoinNode single = new JoinNode(probe, build, nodeKind, probeKeys, buildKeys, residualExpr);
    // A join of two sharded inputs that runs once is a fragment of its own: a cluster may run it
    // hash-partitioned over its nodes instead of at the coordinator.
    Built joined =
        perShard
            ? probeBuilt.map(
                n -> new JoinNode(n, build, nodeKind, probeKeys, buildKeys, residualExpr))
            : probeBuilt instanceof Built.Sharded && buildBuilt instanceof Built.Sharded
                ? new Built.Single(new ExchangeNode(List.of(single)))
                : new Built.Single(single);
    int outputCount =
        kind == JoinKind.SEMI || kind == JoinKind.ANTI ? leftCount : leftCount + rightCount;
    List<Column> schema = joined.gather().schema();
    boolean identity = schema.size() == outputCount;
    for (int i = 0; i < outputCount && identity; i++) {
      identity = output.applyAsInt(i) == i;
    }
    if (identity) {
      return joined;
    }
    List<Expr> exprs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < outputCount; i++) {
      int source = output.applyAsInt(i);
      exprs.add(new ColumnRef(source, schema.get(source).type()));
      names.add(schema.get(source).name());
    }
    return joined.map(n -> new ProjectNode(n, exprs, names));
  }

  /** How many operators executing {@code node} takes (shared subtrees count once per use). */
  private static double operatorCount(PlanNode node, Map<PlanNode, Double> memo) {
    Double known = memo.get(node);
    if (known != null) {
      return known;
    }
    double count = 1;
    for (PlanNode input : node.inputs()) {
      count += operatorCount(input, memo);
    }
    memo.put(node, count);
    return count;
  }

  private double rows(RelNode rel) {
    Double rows = mq.getRowCount(rel);
    return rows == null ? Double.MAX_VALUE : rows;
  }

  private Built union(Union union) {
    if (!union.all) {
      throw Literals.unsupported("UNION without ALL at this point");
    }
    List<DataType> types = new ArrayList<>();
    List<String> names = union.getRowType().getFieldNames();
    for (var f : union.getRowType().getFieldList()) {
      types.add(SqlTypes.toDataType(f.getType()));
    }
    List<Built> inputs = new ArrayList<>();
    boolean allSharded = true;
    for (RelNode input : union.getInputs()) {
      Built b = translate(input);
      List<Column> schema = b.gather().schema();
      boolean same = true;
      for (int i = 0; i < types.size(); i++) {
        DataType a = schema.get(i).type();
        DataType t = types.get(i);
        same &= a.kind() == t.kind() && a.precision() == t.precision() && a.scale() == t.scale();
      }
      if (!same) {
        b =
            b.map(
                n -> {
                  List<Expr> exprs = new ArrayList<>();
                  List<Column> s = n.schema();
                  for (int i = 0; i < types.size(); i++) {
                    exprs.add(
                        RexTranslator.cast(
                            new ColumnRef(i, s.get(i).type()),
                            types.get(i).withNullable(s.get(i).type().nullable())));
                  }
                  return new ProjectNode(n, exprs, names);
                });
      }
      allSharded &= b instanceof Built.Sharded;
      inputs.add(b);
    }
    if (allSharded) {
      List<PlanNode> fragments = new ArrayList<>();
      for (Built b : inputs) {
        fragments.addAll(((Built.Sharded) b).fragments());
      }
      return new Built.Sharded(fragments);
    }
    return new Built.Single(new UnionNode(inputs.stream().map(Built::gather).toList()));
  }

  private static ValuesNode values(Values values) {
    List<Column> schema = new ArrayList<>();
    for (var f : values.getRowType().getFieldList()) {
      schema.add(new Column(f.getName(), SqlTypes.toDataType(f.getType())));
    }
    List<List<Object>> rows = new ArrayList<>();
    for (List<RexLiteral> tuple : values.getTuples()) {
      List<Object> row = new ArrayList<>();
      for (int i = 0; i < tuple.size(); i++) {
        row.add(Literals.canonical(tuple.get(i), schema.get(i).type()));
      }
      rows.add(row);
    }
    return new ValuesNode(schema, rows);
  }
}
