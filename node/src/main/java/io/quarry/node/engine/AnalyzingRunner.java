package io.quarry.node.engine;

import static java.util.Objects.requireNonNull;

import io.quarry.cache.ResultCache;
import io.quarry.exec.ExecContext;
import io.quarry.exec.FragmentRunner;
import io.quarry.exec.Operator;
import io.quarry.exec.plan.PlanNode;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.dist.DispatchReports;
import io.quarry.node.dist.PartitionReport;
import io.quarry.node.identity.PeerId;
import java.util.function.Supplier;

/**
 * The fragment runner of an EXPLAIN ANALYZE run: the engine's usual chain (the result cache, if on,
 * then {@code next}, which computes here or dispatches to a holder), observed. Each fragment gets a
 * {@link FragmentProfile}: its stream is measured by a {@link ProfiledOperator}; a call of the
 * compute supplier means it ran here, and {@link DispatchReports} names the node it ran on
 * otherwise, and where the leaf fragments of a repartitioned join were partitioned. Nothing is
 * observed on a cache hit, since then nothing runs.
 */
final class AnalyzingRunner implements FragmentRunner {
  private final QueryProfile profile;
  private final ResultCache cache;
  private final FragmentRunner next;

  /** {@code cache} null: every fragment is obtained through {@code next} (cache off). */
  AnalyzingRunner(QueryProfile profile, ResultCache cache, FragmentRunner next) {
    this.profile = requireNonNull(profile, "profile is null");
    this.cache = cache;
    this.next = requireNonNull(next, "next is null");
  }

  @Override
  public Operator run(PlanNode fragment, Supplier<Operator> compute, ExecContext ctx) {
    FragmentProfile fp = profile.fragment(fragment);
    DispatchReports.Listener listener =
        new DispatchReports.Listener() {
          @Override
          public void ranOn(PeerId peer, NodeAddress address) {
            fp.ranOn(peer, address);
          }

          @Override
          public void partitioned(PartitionReport report) {
            fp.partitioned(report.line());
          }
        };
    FragmentRunner observed =
        (f, c, x) ->
            DispatchReports.observing(
                listener,
                () ->
                    next.run(
                        f,
                        () -> {
                          fp.ranLocally();
                          return c.get();
                        },
                        x));
    FragmentRunner chain = cache == null ? observed : cache.fragmentRunner(observed);
    return new ProfiledOperator(fp, fragment, () -> chain.run(fragment, compute, ctx));
  }
}
