package io.quarry.cache;

import static java.util.Objects.requireNonNull;

import io.quarry.cid.Cid;
import java.util.Optional;

/**
 * The cache's third level: results other nodes hold. A node announces the keys of the results it
 * stores; on a miss in memory and in the store, the cache asks here who holds a key's result and
 * fetches it instead of computing it. The cache checks that the fetched bytes are the result it was
 * told of (their UnixFS CID must be {@link Located#result()}) before storing and using them.
 */
public interface RemoteResults {
  /** A result another node holds: its CID and row count. */
  record Located(Cid result, long rows) {
    public Located {
      requireNonNull(result, "result is null");
      if (rows < 0) {
        throw new IllegalArgumentException("rows is negative: " + rows);
      }
    }
  }

  /** Where the result of {@code key} is held by another node, if any live node announced it. */
  Optional<Located> find(FragmentKey key);

  /**
   * The Arrow IPC stream of {@code result} (found by {@link #find}), fetched from a node that holds
   * it, or empty if none could provide it.
   */
  Optional<byte[]> fetch(Located result);

  /** How many result keys other live nodes announce now, of either kind (for the counters). */
  default long entries() {
    return 0;
  }
}
