package io.quarry.node.engine;

import static java.util.Objects.requireNonNull;

import io.quarry.cache.ResultCache;
import io.quarry.exec.ExecContext;
import io.quarry.exec.FragmentRunner;
import io.quarry.exec.Operator;
import io.quarry.exec.plan.PlanNode;
import io.quarry.node.dist.DispatchReports;
import java.util.function.Supplier;

/**
 * The fragment runner of an EXPLAIN ANALYZE run: the engine's usual chain (the result cache, if on,
 * then {@code next}, which computes here or dispatches to a holder), observed. Each fragment gets a
 * {@link FragmentProfile}: its stream is measured by a {@link ProfiledOperator}; a call of the
 * compute supplier means it ran here, and {@link DispatchReports} names the node it ran on
 * otherwise. Nothing is observed on a cache hit, since then nothing runs.
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
    FragmentRunner observed =
        (f, c, x) ->
            DispatchReports.observing(
                fp::ranOn,
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
