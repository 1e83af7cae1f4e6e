package io.quarry.exec.scan;

import io.quarry.exec.codegen.ExprCompiler;
import io.quarry.exec.expr.Call;
import io.quarry.exec.expr.ColumnRef;
import io.quarry.exec.expr.Expr;
import io.quarry.exec.expr.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A scan filter split into stages for {@link ShardReader#next(int, List, int[])}: its top-level
 * conjuncts grouped by the set of columns they read, in order of first appearance. A row passes the
 * filter exactly when it passes every stage, so the reader can run them one after the other on the
 * rows still wanted and decode each stage's columns only at those rows.
 */
public final class FilterStages {
  private FilterStages() {}

  public static List<ShardReader.FilterStage> of(Expr filter) {
    List<Expr> conjuncts = new ArrayList<>();
    flatten(filter, conjuncts);
    Map<Set<Integer>, List<Expr>> groups = new LinkedHashMap<>();
    for (Expr c : conjuncts) {
      Set<Integer> columns = new TreeSet<>();
      collectColumns(c, columns);
      groups.computeIfAbsent(columns, k -> new ArrayList<>()).add(c);
    }
    List<ShardReader.FilterStage> stages = new ArrayList<>();
    if (groups.size() == 1) {
      Set<Integer> columns = groups.keySet().iterator().next();
      stages.add(new ShardReader.FilterStage(ExprCompiler.filter(filter), toArray(columns)));
      return stages;
    }
    for (Map.Entry<Set<Integer>, List<Expr>> g : groups.entrySet()) {
      Expr condition = g.getValue().get(0);
      for (int i = 1; i < g.getValue().size(); i++) {
        condition = new Call(Op.AND, filter.type(), condition, g.getValue().get(i));
      }
      stages.add(new ShardReader.FilterStage(ExprCompiler.filter(condition), toArray(g.getKey())));
    }
    return stages;
  }

  private static void flatten(Expr e, List<Expr> out) {
    if (e instanceof Call c && c.op() == Op.AND) {
      for (Expr a : c.args()) {
        flatten(a, out);
      }
    } else {
      out.add(e);
    }
  }

  private static void collectColumns(Expr e, Set<Integer> out) {
    if (e instanceof ColumnRef r) {
      out.add(r.index());
    } else if (e instanceof Call c) {
      for (Expr a : c.args()) {
        collectColumns(a, out);
      }
    }
  }

  private static int[] toArray(Set<Integer> columns) {
    return columns.stream().mapToInt(Integer::intValue).toArray();
  }
}
