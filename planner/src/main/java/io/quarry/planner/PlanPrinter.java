package io.quarry.planner;

import io.quarry.exec.plan.AggCall;
import io.quarry.exec.plan.AggregateNode;
import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.FilterNode;
import io.quarry.exec.plan.JoinNode;
import io.quarry.exec.plan.LimitNode;
import io.quarry.exec.plan.MergedPartialsNode;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ProjectNode;
import io.quarry.exec.plan.ScanNode;
import io.quarry.exec.plan.SortKey;
import io.quarry.exec.plan.SortNode;
import io.quarry.exec.plan.UnionNode;
import io.quarry.exec.plan.ValuesNode;
import io.quarry.exec.plan.WindowCall;
import io.quarry.exec.plan.WindowGroup;
import io.quarry.exec.plan.WindowNode;
import io.quarry.types.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Prints a physical plan as an indented tree, one node per line with stable key=value terms. */
public final class PlanPrinter {
  private PlanPrinter() {}

  public static List<String> print(PlanNode root) {
    List<String> lines = new ArrayList<>();
    print(root, 0, lines);
    return lines;
  }

  private static void print(PlanNode node, int depth, List<String> out) {
    out.add("  ".repeat(depth) + line(node));
    if (node instanceof MergedPartialsNode m) {
      // Each shard's fragment is the template over that shard: one line says it for all.
      print(m.template(), depth + 1, out);
      return;
    }
    for (PlanNode input : node.inputs()) {
      print(input, depth + 1, out);
    }
  }

  static String line(PlanNode node) {
    if (node instanceof MergedPartialsNode m) {
      return "MergedPartials shards=" + m.shards().size() + " prefix=" + m.prefix();
    }
    List<Column> in = node.inputs().isEmpty() ? node.schema() : node.inputs().get(0).schema();
    if (node instanceof ScanNode s) {
      return "Scan shard="
          + s.shard().cid()
          + " rows="
          + s.shard().rows()
          + " columns="
          + names(s.schema())
          + (s.filter() == null ? "" : " filter=" + ExprPrinter.print(s.filter(), s.schema()));
    }
    if (node instanceof FilterNode f) {
      return "Filter condition=" + ExprPrinter.print(f.condition(), in);
    }
    if (node instanceof ProjectNode p) {
      List<String> items = new ArrayList<>();
      for (int i = 0; i < p.exprs().size(); i++) {
        String e = ExprPrinter.print(p.exprs().get(i), in);
        items.add(e.equals(p.names().get(i)) ? e : p.names().get(i) + "=" + e);
      }
      return "Project exprs=" + items;
    }
    if (node instanceof AggregateNode a) {
      List<String> calls = new ArrayList<>();
      for (AggCall c : a.calls()) {
        String args =
            a.phase() == io.quarry.exec.plan.AggPhase.FINAL
                ? "partial"
                : c.args().stream().map(i -> name(in, i)).collect(Collectors.joining(", "));
        calls.add(
            c.name() + "=" + c.function() + "(" + args + ")"
                + (c.filter() >= 0 ? " FILTER " + name(in, c.filter()) : ""));
      }
      return "Aggregate phase=" + a.phase() + " keys=" + keyNames(in, a.groupKeys()) + " calls=" + calls;
    }
    if (node instanceof JoinNode j) {
      List<Column> left = j.left().schema();
      List<Column> both = new ArrayList<>(left);
      both.addAll(j.right().schema());
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < j.leftKeys().size(); i++) {
        keys.add(name(left, j.leftKeys().get(i)) + "=" + name(j.right().schema(), j.rightKeys().get(i)));
      }
      return "Join kind=" + j.kind() + " keys=" + keys
          + (j.residual() == null ? "" : " residual=" + ExprPrinter.print(j.residual(), both));
    }
    if (node instanceof SortNode s) {
      return "Sort keys=" + sortKeys(in, s.keys()) + " offset=" + s.offset() + " fetch=" + s.fetch();
    }
    if (node instanceof LimitNode l) {
      return "Limit offset=" + l.offset() + " fetch=" + l.fetch();
    }
    if (node instanceof UnionNode u) {
      return "Union inputs=" + u.inputs().size();
    }
    if (node instanceof ExchangeNode e) {
      return "Exchange fragments=" + e.inputs().size();
    }
    if (node instanceof ValuesNode v) {
      return "Values rows=" + v.rows().size() + " columns=" + names(v.schema());
    }
    if (node instanceof WindowNode w) {
      List<String> groups = new ArrayList<>();
      for (WindowGroup g : w.groups()) {
        List<String> calls = new ArrayList<>();
        for (WindowCall c : g.calls()) {
          calls.add(c.name() + "=" + c.function() + "("
              + c.args().stream().map(i -> name(in, i)).collect(Collectors.joining(", ")) + ")");
        }
        groups.add("{partition=" + keyNames(in, g.partitionKeys()) + " order=" + sortKeys(in, g.orderKeys())
            + " frame=" + (g.frame().rows() ? "ROWS" : "RANGE") + "(" + g.frame().lower() + ", "
            + g.frame().upper() + ") calls=" + calls + "}");
      }
      return "Window groups=" + groups;
    }
    return node.getClass().getSimpleName();
  }

  private static String names(List<Column> columns) {
    return columns.stream().map(Column::name).toList().toString();
  }

  private static String name(List<Column> columns, int i) {
    return i < columns.size() ? columns.get(i).name() : "$" + i;
  }

  private static String keyNames(List<Column> columns, List<Integer> keys) {
    return keys.stream().map(i -> name(columns, i)).toList().toString();
  }

  private static String sortKeys(List<Column> columns, List<SortKey> keys) {
    return keys.stream()
        .map(k -> name(columns, k.column()) + (k.descending() ? " DESC" : "")
            + (k.nullsFirst() ? " NULLS FIRST" : ""))
        .toList()
        .toString();
  }
}
