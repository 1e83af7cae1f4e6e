package io.quarry.node.engine;

import static java.util.Objects.requireNonNull;

import io.quarry.cid.Cid;
import io.quarry.exec.plan.PlanNode;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.identity.PeerId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one fragment of an EXPLAIN ANALYZE run did: where its rows came from, the node that ran it,
 * and the rows, Arrow bytes and wall time of its stream as received. Written by the thread that
 * reads the fragment and read by the one that prints the profile, hence synchronized.
 */
final class FragmentProfile {
  /** How far a fragment got. */
  enum State {
    /** The query ended without reading it (e.g. a LIMIT was satisfied first). */
    NOT_RUN,
    RUNNING,
    /** Closed before its end: the rows and bytes are those read until then. */
    CUT_SHORT,
    DONE
  }

  private final PlanNode fragment;
  private final Cid cid;
  private final int order;
  private State state = State.NOT_RUN;
  private String level;
  private PeerId peer;
  private NodeAddress address;
  private boolean local;
  private long rows;
  private long bytes;
  private long startNanos;
  private long endNanos;
  private Cid result;
  private final List<String> partitioned = new ArrayList<>();

  FragmentProfile(PlanNode fragment, Cid cid, int order) {
    this.fragment = requireNonNull(fragment, "fragment is null");
    this.cid = requireNonNull(cid, "cid is null");
    this.order = order;
  }

  PlanNode fragment() {
    return fragment;
  }

  /** The fragment's position in the plan (exchange inputs in plan order), for sorting. */
  int order() {
    return order;
  }

  synchronized void started() {
    state = State.RUNNING;
    startNanos = System.nanoTime();
  }

  synchronized void ranOn(PeerId peer, NodeAddress address) {
    this.peer = requireNonNull(peer, "peer is null");
    this.address = requireNonNull(address, "address is null");
    this.local = false;
  }

  synchronized void ranLocally() {
    this.local = true;
    this.peer = null;
    this.address = null;
  }

  /** A leaf fragment partitioned for this (join) fragment: its line ({@code PartitionReport}). */
  synchronized void partitioned(String line) {
    partitioned.add(line);
  }

  /** The lines of the leaf fragments partitioned for this fragment, in the order reported. */
  synchronized List<String> partitionedLines() {
    return List.copyOf(partitioned);
  }

  synchronized void received(long batchRows, long batchBytes) {
    rows += batchRows;
    bytes += batchBytes;
  }

  /**
   * The stream ended (or was closed): {@code level} is L1/L2/L3/computed, {@code result} or null.
   */
  synchronized void ended(boolean complete, String level, Cid result) {
    if (state != State.RUNNING) {
      return;
    }
    endNanos = System.nanoTime();
    state = complete ? State.DONE : State.CUT_SHORT;
    this.level = level;
    this.result = result;
  }

  synchronized State state() {
    return state;
  }

  /** The cache level the rows came from, or {@code computed}; null unless the stream started. */
  synchronized String level() {
    return level;
  }

  synchronized boolean fromCache() {
    return level != null && !level.equals("computed");
  }

  /**
   * One line of stable key=value terms: {@code fragment=CID cache=LEVEL node=… [address=…] rows=N
   * bytes=N time_ms=T [result=CID]}; {@code node=none} when nothing ran it (a cache hit).
   */
  synchronized String line() {
    StringBuilder out = new StringBuilder("fragment=").append(cid);
    if (state == State.NOT_RUN) {
      return out.append(" cache=none node=none rows=0 bytes=0 time_ms=0.0 not_run=true").toString();
    }
    String shownLevel = level == null ? "computed" : level;
    out.append(" cache=").append(shownLevel);
    if (peer != null) {
      out.append(" node=").append(peer).append(" address=").append(address);
    } else if (local || shownLevel.equals("computed")) {
      // A fragment computed without a report of another node ran here (the dispatcher may compute
      // a rewritten form of it with its own supplier).
      out.append(" node=local");
    } else {
      out.append(" node=none");
    }
    out.append(" rows=").append(rows).append(" bytes=").append(bytes);
    out.append(" time_ms=").append(millis(endNanos - startNanos));
    if (result != null) {
      out.append(" result=").append(result);
    }
    if (state == State.CUT_SHORT) {
      out.append(" complete=false");
    }
    return out.toString();
  }

  static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.1f", Math.max(0, nanos) / 1e6);
  }
}
