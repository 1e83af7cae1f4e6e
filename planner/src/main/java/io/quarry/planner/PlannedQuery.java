package io.quarry.planner;

import static java.util.Objects.requireNonNull;

import io.quarry.exec.plan.PlanNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The physical plan of one query, with what EXPLAIN shows about it: the tables scanned and how
 * many of their shards were pruned, and the logical plan after each optimizer phase.
 */
public record PlannedQuery(PlanNode root, List<ScanSummary> scans, List<OptimizerPhase> phases) {
  public PlannedQuery {
    requireNonNull(root, "root is null");
    scans = List.copyOf(requireNonNull(scans, "scans is null"));
    phases = List.copyOf(requireNonNull(phases, "phases is null"));
  }

  public int totalShards() {
    return scans.stream().mapToInt(ScanSummary::totalShards).sum();
  }

  public int prunedShards() {
    return scans.stream().mapToInt(ScanSummary::prunedShards).sum();
  }

  /** EXPLAIN's lines: the physical plan, the scans, and with {@code verbose} the phases. */
  public List<String> explain(boolean verbose) {
    List<String> lines = new ArrayList<>();
    if (verbose) {
      for (OptimizerPhase phase : phases) {
        lines.add("== Logical plan: " + phase.name() + " ==");
        lines.addAll(phase.plan().lines().toList());
      }
      lines.add("== Physical plan ==");
    }
    lines.addAll(PlanPrinter.print(root));
    for (ScanSummary s : scans) {
      lines.add(
          "Table "
              + s.table()
              + " root="
              + s.root()
              + " shards="
              + s.scannedShards()
              + " pruned_shards="
              + s.prunedShards()
              + "/"
              + s.totalShards());
    }
    if (scans.size() != 1) {
      // One table already shows its total on its own line.
      lines.add("pruned_shards=" + prunedShards() + "/" + totalShards());
    }
    return lines;
  }
}
