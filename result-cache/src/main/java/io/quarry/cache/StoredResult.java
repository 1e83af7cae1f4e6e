package io.quarry.cache;

import static java.util.Objects.requireNonNull;

import io.quarry.cid.Cid;

/**
 * A result as the cache holds it: the CID of its stored form (a UnixFS file of the Arrow IPC
 * stream), the stream's bytes, and its row count.
 */
public record StoredResult(Cid cid, byte[] ipc, long rows) {
  public StoredResult {
    requireNonNull(cid, "cid is null");
    requireNonNull(ipc, "ipc is null");
  }
}
