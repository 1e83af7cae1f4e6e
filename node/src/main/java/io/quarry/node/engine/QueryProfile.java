package io.quarry.node.engine;

import static java.util.Objects.requireNonNull;

import io.quarry.cache.FragmentKey;
import io.quarry.cid.Cid;
import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.PlanNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The fragments of one EXPLAIN ANALYZE run and the totals printed after them. Fragments are
 * requested from several threads (exchange inputs run in parallel, nested exchanges are built
 * lazily), so the list is guarded; lines come out in plan order whatever order they ran in.
 */
final class QueryProfile {
  private final Map<PlanNode, Integer> planOrder = new IdentityHashMap<>();
  private final Function<PlanNode, Cid> fragmentCid;
  private final List<FragmentProfile> fragments = new ArrayList<>();

  QueryProfile(PlanNode plan, Function<PlanNode, Cid> fragmentCid) {
    this.fragmentCid = requireNonNull(fragmentCid, "fragmentCid is null");
    number(requireNonNull(plan, "plan is null"));
  }

  private void number(PlanNode node) {
    if (node instanceof ExchangeNode exchange) {
      for (PlanNode input : exchange.inputs()) {
        planOrder.putIfAbsent(input, planOrder.size());
      }
    }
    for (PlanNode input : node.inputs()) {
      number(input);
    }
  }

  /** A new profile for an exchange input about to be requested. */
  FragmentProfile fragment(PlanNode fragment) {
    synchronized (fragments) {
      int order = planOrder.getOrDefault(fragment, planOrder.size() + fragments.size());
      FragmentProfile profile = new FragmentProfile(fragment, fragmentCid.apply(fragment), order);
      fragments.add(profile);
      return profile;
    }
  }

  /** The fragments in plan order. */
  List<FragmentProfile> fragments() {
    List<FragmentProfile> out;
    synchronized (fragments) {
      out = new ArrayList<>(fragments);
    }
    out.sort(Comparator.comparingInt(FragmentProfile::order));
    return out;
  }

  /**
   * The totals line: {@code total: rows=N time_ms=T query_cache=… [result=CID] fragments=N
   * computed=N L1=N L2=N L3=N [not_run=N] bytes_saved=N}. {@code queryLevel} is where the whole
   * result came from ({@code computed}, a cache level, {@code none} for a plan the cache does not
   * keep, {@code off} with the cache off).
   */
  String totals(long rows, long nanos, String queryLevel, Cid queryResult, long queryBytesSaved) {
    List<FragmentProfile> all = fragments();
    long computed = 0;
    long notRun = 0;
    long bytesSaved = queryBytesSaved;
    long[] levels = new long[3];
    for (FragmentProfile f : all) {
      if (f.state() == FragmentProfile.State.NOT_RUN) {
        notRun++;
      } else if (f.fromCache()) {
        switch (f.level()) {
          case "L1" -> levels[0]++;
          case "L2" -> levels[1]++;
          default -> levels[2]++;
        }
        bytesSaved += FragmentKey.inputBytes(f.fragment());
      } else {
        computed++;
      }
    }
    StringBuilder out = new StringBuilder("total: rows=").append(rows);
    out.append(" time_ms=").append(FragmentProfile.millis(nanos));
    out.append(" query_cache=").append(queryLevel);
    if (queryResult != null) {
      out.append(" result=").append(queryResult);
    }
    out.append(" fragments=").append(all.size());
    out.append(" computed=").append(computed);
    out.append(" L1=")
        .append(levels[0])
        .append(" L2=")
        .append(levels[1])
        .append(" L3=")
        .append(levels[2]);
    if (notRun > 0) {
      out.append(" not_run=").append(notRun);
    }
    out.append(" bytes_saved=").append(bytesSaved);
    return out.toString();
  }
}
