package io.quarry.unixfs;

/**
 * How a file is cut into blocks and linked: fixed-size chunks, leaves either raw blocks or dag-pb
 * UnixFS File nodes, and a balanced tree with at most {@code maxLinks} links per node. The profiles
 * in {@link ImportProfile} are instances; other values exist for testing the tree shape with small
 * numbers.
 */
public record FileLayout(int cidVersion, boolean rawLeaves, int chunkSize, int maxLinks) {
  /** The largest chunk Kubo's chunker accepts; IPFS peers do not exchange much bigger blocks. */
  public static final int MAX_CHUNK_SIZE = 1 << 20;

  public FileLayout {
    if (cidVersion != 0 && cidVersion != 1) {
      throw new IllegalArgumentException("cidVersion must be 0 or 1: " + cidVersion);
    }
    if (rawLeaves && cidVersion == 0) {
      throw new IllegalArgumentException("raw leaves need CIDv1");
    }
    if (chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
      throw new IllegalArgumentException(
          "chunkSize must be between 1 and " + MAX_CHUNK_SIZE + ": " + chunkSize);
    }
    if (maxLinks < 2) {
      throw new IllegalArgumentException("maxLinks must be at least 2: " + maxLinks);
    }
  }
}
