package io.quarry.exec.ops;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.plan.PlanNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Build sides shared by the hash joins of one query that hash the same input on the same keys:
 * when a join's probe side is split into one fragment per shard, every fragment carries the same
 * build input, which is then drained and hashed once (by the first fragment that needs it, the
 * others help to drain its input while it is built, see {@link BuildDrain}, then wait for it)
 * instead of once per fragment. A query is identified by its allocator. Each join holds a {@link
 * Lease} from construction to close; the last release frees the build.
 */
final class SharedJoinBuilds {
  private record Key(
      BufferAllocator allocator, PlanNode input, List<Integer> keys, List<Integer> scales) {}

  private static final Map<Key, Entry> ENTRIES = new ConcurrentHashMap<>();

  private SharedJoinBuilds() {}

  private static final class Entry {
    final CompletableFuture<JoinBuild> future = new CompletableFuture<>();
    // The parallel drain of the build's input, for waiting joins to help with; null if serial.
    final CompletableFuture<BuildDrain> drain = new CompletableFuture<>();
    int leases; // guarded by this
    boolean claimed; // guarded by this
    boolean released; // guarded by this
  }

  /** A join's hold on the shared build of {@code input} hashed on {@code keys}. */
  static Lease lease(BufferAllocator allocator, PlanNode input, int[] keys, int[] scales) {
    Key key =
        new Key(
            allocator,
            input,
            Arrays.stream(keys).boxed().toList(),
            Arrays.stream(scales).boxed().toList());
    while (true) {
      Entry e = ENTRIES.computeIfAbsent(key, k -> new Entry());
      synchronized (e) {
        if (!e.released) {
          e.leases++;
          return new Lease(key, e);
        }
      }
      ENTRIES.remove(key, e);
    }
  }

  static final class Lease {
    private final Key key;
    private final Entry entry;
    private boolean done;

    private Lease(Key key, Entry entry) {
      this.key = key;
      this.entry = entry;
    }

    /**
     * The build, computed by {@code builder} here if no other join has claimed it yet. The builder
     * hands the parallel drain of its input (or null) to the consumer it is given as soon as it
     * exists, so that the joins waiting for this build help to drain it.
     */
    JoinBuild get(Function<Consumer<BuildDrain>, JoinBuild> builder) {
      boolean mine;
      synchronized (entry) {
        mine = !entry.claimed;
        entry.claimed = true;
      }
      if (mine) {
        JoinBuild build;
        try {
          build = builder.apply(entry.drain::complete);
        } catch (RuntimeException | Error e) {
          entry.future.completeExceptionally(e);
          throw e;
        } finally {
          entry.drain.complete(null);
        }
        boolean orphaned;
        synchronized (entry) {
          orphaned = entry.released;
          entry.future.complete(build);
        }
        if (orphaned) {
          build.close();
        }
        return build;
      }
      try {
        BuildDrain drain = entry.drain.get();
        if (drain != null) {
          drain.help();
        }
        return entry.future.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new QuarryException(
            ErrorCode.QUERY_CANCELLED, "query cancelled while a join was built");
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(cause);
      }
    }

    /** Gives the lease back; the last one frees the build. */
    void release() {
      if (done) {
        return;
      }
      done = true;
      JoinBuild toClose = null;
      synchronized (entry) {
        if (--entry.leases > 0) {
          return;
        }
        entry.released = true;
        ENTRIES.remove(key, entry);
        if (entry.future.isDone() && !entry.future.isCompletedExceptionally()) {
          toClose = entry.future.join();
        }
      }
      if (toClose != null) {
        toClose.close();
      }
    }
  }
}
