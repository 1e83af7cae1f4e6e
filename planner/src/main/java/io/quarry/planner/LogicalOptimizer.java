package io.quarry.planner;

import java.util.EnumSet;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.rules.AggregateExpandDistinctAggregatesRule;
import org.apache.calcite.rel.rules.AggregateReduceFunctionsRule;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.sql2rel.RelFieldTrimmer;
import org.apache.calcite.tools.RelBuilder;

/**
 * Rewrites a validated logical plan in fixed, predictable phases of heuristic rules: sub-queries to
 * joins, windows out of projections, constant folding and predicate pushdown, pruning of unused
 * columns, and join ordering by the row counts of the manifests.
 */
public final class LogicalOptimizer {
  private static final HepProgram SUBQUERIES =
      new HepProgramBuilder()
          .addRuleCollection(
              List.of(
                  CoreRules.FILTER_SUB_QUERY_TO_CORRELATE,
                  CoreRules.PROJECT_SUB_QUERY_TO_CORRELATE,
                  CoreRules.JOIN_SUB_QUERY_TO_CORRELATE))
          .build();

  private static final HepProgram WINDOWS =
      new HepProgramBuilder()
          .addRuleInstance(CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW)
          .addRuleInstance(CoreRules.PROJECT_WINDOW_TRANSPOSE)
          .build();

  private static final HepProgram SIMPLIFY =
      new HepProgramBuilder()
          .addRuleCollection(
              List.of(
                  CoreRules.UNION_TO_DISTINCT,
                  CoreRules.INTERSECT_TO_DISTINCT,
                  CoreRules.MINUS_TO_DISTINCT,
                  AggregateExpandDistinctAggregatesRule.Config.JOIN.toRule(),
                  AggregateReduceFunctionsRule.Config.DEFAULT
                      .withFunctionsToReduce(
                          EnumSet.of(
                              SqlKind.STDDEV_POP,
                              SqlKind.STDDEV_SAMP,
                              SqlKind.VAR_POP,
                              SqlKind.VAR_SAMP))
                      .toRule(),
                  CoreRules.FILTER_REDUCE_EXPRESSIONS,
                  CoreRules.PROJECT_REDUCE_EXPRESSIONS,
                  CoreRules.JOIN_REDUCE_EXPRESSIONS,
                  CoreRules.FILTER_INTO_JOIN,
                  CoreRules.JOIN_CONDITION_PUSH,
                  CoreRules.FILTER_AGGREGATE_TRANSPOSE,
                  CoreRules.FILTER_PROJECT_TRANSPOSE,
                  CoreRules.FILTER_SET_OP_TRANSPOSE,
                  CoreRules.FILTER_MERGE,
                  CoreRules.PROJECT_MERGE,
                  CoreRules.PROJECT_REMOVE,
                  CoreRules.AGGREGATE_PROJECT_MERGE,
                  CoreRules.AGGREGATE_REMOVE,
                  CoreRules.UNION_MERGE,
                  CoreRules.PROJECT_FILTER_VALUES_MERGE,
                  CoreRules.PROJECT_VALUES_MERGE))
          .build();

  private static final HepProgram JOIN_ORDER =
      new HepProgramBuilder()
          .addMatchOrder(HepMatchOrder.BOTTOM_UP)
          .addRuleInstance(CoreRules.JOIN_TO_MULTI_JOIN)
          .addRuleInstance(CoreRules.PROJECT_MULTI_JOIN_MERGE)
          .addRuleInstance(CoreRules.FILTER_MULTI_JOIN_MERGE)
          .addMatchOrder(HepMatchOrder.ARBITRARY)
          .addRuleInstance(CoreRules.MULTI_JOIN_OPTIMIZE)
          .build();

  private static final HepProgram CLEANUP =
      new HepProgramBuilder()
          .addRuleCollection(
              List.of(
                  CoreRules.JOIN_PUSH_EXPRESSIONS,
                  CoreRules.FILTER_INTO_JOIN,
                  CoreRules.JOIN_CONDITION_PUSH,
                  CoreRules.FILTER_PROJECT_TRANSPOSE,
                  CoreRules.FILTER_MERGE,
                  CoreRules.PROJECT_MERGE,
                  CoreRules.PROJECT_REMOVE))
          .build();

  /**
   * IN and EXISTS, decorrelated into a join with the distinct keys of the sub-query, become semi
   * joins: each left row is kept once if any right row matches, and the distinct aggregation of the
   * right side is no longer needed.
   */
  private static final HepProgram SEMI_JOINS =
      new HepProgramBuilder()
          .addRuleCollection(
              List.of(
                  CoreRules.PROJECT_TO_SEMI_JOIN,
                  CoreRules.AGGREGATE_TO_SEMI_JOIN,
                  CoreRules.JOIN_TO_SEMI_JOIN,
                  CoreRules.PROJECT_MERGE,
                  CoreRules.PROJECT_REMOVE))
          .build();

  private LogicalOptimizer() {}

  /** The optimized plan, with the plan after every phase appended to {@code phases}. */
  public static RelNode optimize(RelNode rel, List<OptimizerPhase> phases) {
    record(phases, "converted", rel);
    RelBuilder builder = RelFactories.LOGICAL_BUILDER.create(rel.getCluster(), null);

    rel = run(SUBQUERIES, rel);
    rel = RelDecorrelator.decorrelateQuery(rel, builder);
    record(phases, "decorrelated", rel);

    rel = run(WINDOWS, rel);
    rel = CommonFactors.apply(rel);
    rel = run(SIMPLIFY, rel);
    record(phases, "simplified", rel);

    rel = new RelFieldTrimmer(null, builder).trim(rel);
    rel = run(CLEANUP, rel);
    record(phases, "trimmed", rel);


    rel = run(JOIN_ORDER, rel);
    rel = run(CLEANUP, rel);
    rel = new RelFieldTrimmer(null, builder).trim(rel);
    rel = run(CLEANUP, rel);
    record(phases, "joins ordered", rel);

    // After join ordering, which semi and anti joins would otherwise fence in.
    rel = run(SEMI_JOINS, rel);
    rel = AntiJoins.apply(rel, builder);
    rel = run(CLEANUP, rel);
    record(phases, "semi and anti joins", rel);
    return rel;
  }

  private static RelNode run(HepProgram program, RelNode rel) {
    HepPlanner planner = new HepPlanner(program);
    planner.setRoot(rel);
    return planner.findBestExp();
  }

  private static void record(List<OptimizerPhase> phases, String name, RelNode rel) {
    if (phases != null) {
      phases.add(
          new OptimizerPhase(
              name, RelOptUtil.toString(rel, SqlExplainLevel.EXPPLAN_ATTRIBUTES).stripTrailing()));
    }
  }
}
