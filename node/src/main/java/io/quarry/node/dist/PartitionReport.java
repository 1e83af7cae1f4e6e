package io.quarry.node.dist;

import static java.util.Objects.requireNonNull;

import io.quarry.cid.Cid;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.identity.PeerId;

/**
 * One leaf fragment partitioned for a repartitioned join, as EXPLAIN ANALYZE shows it: where (the
 * node that partitioned it, null peer: this one), how many rows and Arrow bytes went into how many
 * of the join's partitions, how long the request took, and whether they were stored before.
 */
public record PartitionReport(
    Cid fragment,
    PeerId peer,
    NodeAddress address,
    long rows,
    long bytes,
    int results,
    int partitions,
    boolean storedBefore,
    long nanos) {
  public PartitionReport {
    requireNonNull(fragment, "fragment is null");
  }

  /**
   * {@code partitioned fragment=CID node=PEER address=HOST:PORT rows=N bytes=N results=K/P
   * time_ms=T [stored_before=true]}, {@code node=local} for this node.
   */
  public String line() {
    StringBuilder out = new StringBuilder("partitioned fragment=").append(fragment);
    if (peer == null) {
      out.append(" node=local");
    } else {
      out.append(" node=").append(peer).append(" address=").append(address);
    }
    out.append(" rows=").append(rows).append(" bytes=").append(bytes);
    out.append(" results=").append(results).append('/').append(partitions);
    out.append(" time_ms=").append(String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6));
    if (storedBefore) {
      out.append(" stored_before=true");
    }
    return out.toString();
  }
}
