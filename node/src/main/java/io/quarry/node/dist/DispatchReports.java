package io.quarry.node.dist;

import static java.util.Objects.requireNonNull;

import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.identity.PeerId;
import java.util.function.Supplier;

/**
 * Tells whoever asks (EXPLAIN ANALYZE) which node ran a fragment that {@link RemoteFragmentRunner}
 * dispatched. The runner is shared by every query of a node, so the listener belongs to the call:
 * it is set for the thread while the call obtains the fragment's operator, and carried over to the
 * thread that later dispatches it (the remote result is received in full before rows flow).
 */
public final class DispatchReports {
  /** Told the node that ran a fragment for this node. */
  @FunctionalInterface
  public interface Listener {
    void ranOn(PeerId peer, NodeAddress address);

    /** Told of each leaf fragment partitioned for a repartitioned join the fragment runs. */
    default void partitioned(PartitionReport report) {}
  }

  /** A listener told only of {@code outer}'s partitioned fragments, not where they ran. */
  static Listener onlyPartitions(Listener outer) {
    return new Listener() {
      @Override
      public void ranOn(PeerId peer, NodeAddress address) {}

      @Override
      public void partitioned(PartitionReport report) {
        outer.partitioned(report);
      }
    };
  }

  private static final ThreadLocal<Listener> CURRENT = new ThreadLocal<>();

  private DispatchReports() {}

  /** Runs {@code call} with {@code listener} told of every fragment it has run on another node. */
  public static <T> T observing(Listener listener, Supplier<T> call) {
    requireNonNull(listener, "listener is null");
    requireNonNull(call, "call is null");
    Listener previous = CURRENT.get();
    CURRENT.set(listener);
    try {
      return call.get();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  /**
   * The listener of the call running on this thread (a no-op if none), to be observed again when
   * the fragment is obtained later on another thread.
   */
  static Listener current() {
    Listener listener = CURRENT.get();
    return listener == null ? (peer, address) -> {} : listener;
  }

  /** Reports a leaf fragment partitioned for the fragment being obtained on this thread. */
  static void partitioned(PartitionReport report) {
    Listener listener = CURRENT.get();
    if (listener != null) {
      listener.partitioned(report);
    }
  }

  /** Reports that the fragment being obtained on this thread ran on {@code peer}. */
  static void ranOn(PeerId peer, NodeAddress address) {
    Listener listener = CURRENT.get();
    if (listener != null) {
      listener.ranOn(peer, address);
    }
  }
}
