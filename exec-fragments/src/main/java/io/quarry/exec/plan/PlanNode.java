package io.quarry.exec.plan;

import io.quarry.types.Column;
import java.util.List;

/**
 * One node of a physical plan: what a worker runs. Immutable, deterministic (the same node over the
 * same inputs yields the same rows), and free of any runtime state, so it can be hashed into a
 * fragment CID, sent to another node and cached. Per-run state lives in operators built from it.
 */
public sealed interface PlanNode
    permits ScanNode,
        FilterNode,
        ProjectNode,
        AggregateNode,
        JoinNode,
        SortNode,
        LimitNode,
        UnionNode,
        ExchangeNode,
        ValuesNode,
        WindowNode,
        ResultNode,
        MergedPartialsNode {

  /** The columns this node produces, in order. */
  List<Column> schema();

  /** The nodes this one reads from, in order. */
  List<PlanNode> inputs();
}
