package io.quarry.planner;

import static java.util.Objects.requireNonNull;

import io.quarry.error.QuarryException;
import io.quarry.exec.expr.ColumnRef;
import io.quarry.exec.expr.Expr;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ProjectNode;
import io.quarry.sql.SqlFrontend;
import io.quarry.sql.TableCatalog;
import io.quarry.types.Column;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;

/** SQL text to physical plan: validate, optimize, translate. Every failure is a QuarryException. */
public final class QueryPlanner {
  private final TableCatalog catalog;

  public QueryPlanner(TableCatalog catalog) {
    this.catalog = requireNonNull(catalog, "catalog is null");
  }

  public PlannedQuery plan(String sql) {
    return plan(sql, false);
  }

  /** The plan of {@code sql}; with {@code verbose}, also the logical plan after each phase. */
  public PlannedQuery plan(String sql, boolean verbose) {
    RelRoot root = new SqlFrontend(catalog).toRel(sql);
    try {
      List<OptimizerPhase> phases = verbose ? new ArrayList<>() : null;
      root.rel.getCluster().setMetadataProvider(ShardStatisticsMetadata.PROVIDER);
      root.rel.getCluster().invalidateMetadataQuery();
      RelNode rel = LogicalOptimizer.optimize(root.project(), phases);
      RelOptCluster cluster = rel.getCluster();
      PhysicalPlanner physical =
          new PhysicalPlanner(cluster.getRexBuilder(), cluster.getMetadataQuery());
      PlanNode plan = physical.plan(rel);
      plan = rename(plan, root.validatedRowType.getFieldNames());
      return new PlannedQuery(plan, physical.scans(), verbose ? phases : List.of());
    } catch (QuarryException e) {
      throw e;
    } catch (RuntimeException | AssertionError | StackOverflowError e) {
      throw QuarryException.internal("planning failed: " + e, e);
    }
  }

  /** The plan with its output columns named as the query names them. */
  private static PlanNode rename(PlanNode plan, List<String> names) {
    List<Column> schema = plan.schema();
    if (schema.stream().map(Column::name).toList().equals(names)) {
      return plan;
    }
    List<Expr> exprs = new ArrayList<>();
    for (int i = 0; i < schema.size(); i++) {
      exprs.add(new ColumnRef(i, schema.get(i).type()));
    }
    return new ProjectNode(plan, exprs, names);
  }
}
