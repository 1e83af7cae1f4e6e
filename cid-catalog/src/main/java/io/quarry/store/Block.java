package io.quarry.store;

import static java.util.Objects.requireNonNull;

import io.quarry.cid.Cid;
import io.quarry.cid.Multihash;

/**
 * A block: bytes and the CID that names them. The record does not re-hash; build it with {@link
 * #of} (or after verifying) so the CID matches the data.
 */
public record Block(Cid cid, byte[] data) {
  public Block {
    requireNonNull(cid, "cid is null");
    requireNonNull(data, "data is null");
  }

  /** A CIDv1 block with a sha2-256 multihash of {@code data}. */
  public static Block of(long codec, byte[] data) {
    return new Block(Cid.v1(codec, Multihash.sha256(data)), data);
  }

  /** A CIDv0 (dag-pb, sha2-256) block. */
  public static Block v0(byte[] data) {
    return new Block(Cid.v0(Multihash.sha256(data)), data);
  }
}
