package io.quarry.unixfs;

import static java.util.Objects.requireNonNull;

import io.quarry.cid.Cid;

/**
 * A dag-pb link. {@code name} and {@code tsize} are optional in dag-pb (null when absent); UnixFS
 * always writes both, with an empty name for the parts of a file.
 */
public record PbLink(Cid hash, String name, Long tsize) {
  public PbLink {
    requireNonNull(hash, "hash is null");
    if (tsize != null && tsize < 0) {
      throw new IllegalArgumentException("tsize must not be negative: " + tsize);
    }
  }
}
