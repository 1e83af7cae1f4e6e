package io.quarry.planner;

import io.quarry.sql.ColumnStatistics;
import io.quarry.sql.QuarryTable;
import io.quarry.sql.ShardDefinition;
import io.quarry.sql.TableDefinition;
import io.quarry.types.TypeKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.ChainedRelMetadataProvider;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.MetadataDef;
import org.apache.calcite.rel.metadata.MetadataHandler;
import org.apache.calcite.rel.metadata.ReflectiveRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Join cardinalities from shard statistics, for join ordering and build-side choice. Calcite alone
 * guesses every equality join keeps 15% of the cross product, which makes a join on a column with
 * a handful of values (such as a nation key) look as selective as a join on a key. Here the number
 * of distinct values of an integer or date column is estimated from the footers as {@code min(rows,
 * max - min + 1)}, and an equality join {@code a = b} keeps {@code 1 / max(ndv(a), ndv(b))} of the
 * cross product.
 */
final class ShardStatisticsMetadata {
  /** Calcite's default metadata with these estimates in front. */
  static final RelMetadataProvider PROVIDER =
      ChainedRelMetadataProvider.of(
          List.of(
              ReflectiveRelMetadataProvider.reflectiveSource(
                  new Selectivity(), BuiltInMetadata.Selectivity.Handler.class),
              ReflectiveRelMetadataProvider.reflectiveSource(
                  new DistinctRowCount(), BuiltInMetadata.DistinctRowCount.Handler.class),
              DefaultRelMetadataProvider.INSTANCE));

  private ShardStatisticsMetadata() {}

  /** Selectivity of join conditions: equality conjuncts from distinct-value counts. */
  public static final class Selectivity implements MetadataHandler<BuiltInMetadata.Selectivity> {
    @Override
    public MetadataDef<BuiltInMetadata.Selectivity> getDef() {
      return BuiltInMetadata.Selectivity.DEF;
    }

    public Double getSelectivity(Join join, RelMetadataQuery mq, RexNode predicate) {
      if (join.isSemiJoin()) {
        RexNode semi = RelMdUtil.makeSemiJoinSelectivityRexNode(mq, join);
        RexNode all =
            predicate == null
                ? semi
                : RexUtil.composeConjunction(
                    join.getCluster().getRexBuilder(), List.of(semi, predicate));
        return mq.getSelectivity(join.getLeft(), all);
      }
      if (predicate == null || predicate.isAlwaysTrue()) {
        return 1.0;
      }
      int leftCount = join.getLeft().getRowType().getFieldCount();
      ImmutableBitSet.Builder leftKeys = ImmutableBitSet.builder();
      ImmutableBitSet.Builder rightKeys = ImmutableBitSet.builder();
      List<RexNode> equalities = new ArrayList<>();
      List<RexNode> rest = new ArrayList<>();
      for (RexNode conjunct : RelOptUtil.conjunctions(predicate)) {
        int[] pair = equiJoinKeys(conjunct, leftCount);
        if (pair == null) {
          rest.add(conjunct);
        } else {
          leftKeys.set(pair[0]);
          rightKeys.set(pair[1]);
          equalities.add(conjunct);
        }
      }
      double selectivity = 1.0;
      if (!equalities.isEmpty()) {
        // All key columns together: a composite key (such as part and supplier) is as selective
        // as its distinct combinations, not as the product of its columns' selectivities.
        Double left = mq.getDistinctRowCount(join.getLeft(), leftKeys.build(), null);
        Double right = mq.getDistinctRowCount(join.getRight(), rightKeys.build(), null);
        if (left == null || right == null) {
          rest.addAll(equalities);
        } else {
          selectivity = 1.0 / Math.max(1.0, distinctMatched(join, mq, left, right));
        }
      }
      for (RexNode r : rest) {
        selectivity *= RelMdUtil.guessSelectivity(r);
      }
      return selectivity;
    }

    /**
     * The number of key values the join is spread over: the larger of the two sides' distinct
     * counts, except when both look unique (distinct count near the row count). Then one side is
     * likely a primary key and the other a foreign key whose distinct count the footers overstate
     * (a range of sparse or combined keys), and every foreign key finds its one match: the smaller
     * count is taken, so the join keeps the foreign-key side's rows.
     */
    private static double distinctMatched(
        Join join, RelMetadataQuery mq, double leftDistinct, double rightDistinct) {
      Double leftRows = mq.getRowCount(join.getLeft());
      Double rightRows = mq.getRowCount(join.getRight());
      boolean leftUnique = leftRows != null && leftDistinct >= 0.9 * leftRows;
      boolean rightUnique = rightRows != null && rightDistinct >= 0.9 * rightRows;
      return leftUnique && rightUnique
          ? Math.min(leftDistinct, rightDistinct)
          : Math.max(leftDistinct, rightDistinct);
    }

    /** {@code [left column, right column]} of an equality between the two inputs, else null. */
    private static int[] equiJoinKeys(RexNode conjunct, int leftCount) {
      if (conjunct.getKind() != SqlKind.EQUALS
          && conjunct.getKind() != SqlKind.IS_NOT_DISTINCT_FROM) {
        return null;
      }
      List<RexNode> operands = ((RexCall) conjunct).getOperands();
      if (!(operands.get(0) instanceof RexInputRef a)
          || !(operands.get(1) instanceof RexInputRef b)) {
        return null;
      }
      int l = Math.min(a.getIndex(), b.getIndex());
      int r = Math.max(a.getIndex(), b.getIndex());
      if (l >= leftCount || r < leftCount) {
        return null;
      }
      return new int[] {l, r - leftCount};
    }
  }

  /** Distinct values of table columns from the shard footers' min and max. */
  public static final class DistinctRowCount
      implements MetadataHandler<BuiltInMetadata.DistinctRowCount> {
    @Override
    public MetadataDef<BuiltInMetadata.DistinctRowCount> getDef() {
      return BuiltInMetadata.DistinctRowCount.DEF;
    }

    public Double getDistinctRowCount(
        TableScan scan, RelMetadataQuery mq, ImmutableBitSet groupKey, RexNode predicate) {
      QuarryTable table = scan.getTable().unwrap(QuarryTable.class);
      if (table == null) {
        return null;
      }
      TableDefinition def = table.definition();
      double rows = Math.max(1, def.rows());
      if (groupKey.isEmpty()) {
        return 1.0;
      }
      double ndv = 1;
      for (int column : groupKey) {
        Double c = columnDistinct(def, column);
        if (c == null) {
          return null;
        }
        ndv = Math.min(rows, ndv * c);
      }
      if (predicate == null || predicate.isAlwaysTrue()) {
        return ndv;
      }
      Double selectivity = mq.getSelectivity(scan, predicate);
      return RelMdUtil.numDistinctVals(ndv, rows * (selectivity == null ? 1 : selectivity));
    }

    private static Double columnDistinct(TableDefinition def, int column) {
      if (column >= def.columns().size()) {
        return null;
      }
      TypeKind kind = def.columns().get(column).type().kind();
      if (kind != TypeKind.INT && kind != TypeKind.BIGINT && kind != TypeKind.DATE) {
        return null;
      }
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (ShardDefinition shard : def.shards()) {
        ColumnStatistics s = shard.stats(column);
        if (!(s.min() instanceof Number lo) || !(s.max() instanceof Number hi)) {
          return null;
        }
        min = Math.min(min, lo.longValue());
        max = Math.max(max, hi.longValue());
      }
      if (min > max) {
        return null;
      }
      double range = (double) max - (double) min + 1;
      return Math.min(Math.max(1, def.rows()), range);
    }
  }
}
