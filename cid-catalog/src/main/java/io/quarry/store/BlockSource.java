package io.quarry.store;

import io.quarry.cid.Cid;

/** Somewhere blocks can be read from by CID. */
@FunctionalInterface
public interface BlockSource {
  /**
   * The block's bytes, verified against the CID's hash.
   *
   * @throws io.quarry.error.QuarryException NOT_FOUND naming the CID if absent, CORRUPT_DATA if the
   *     bytes do not hash to the CID
   */
  byte[] get(Cid cid);
}
