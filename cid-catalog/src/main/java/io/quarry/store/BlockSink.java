package io.quarry.store;

/** Somewhere blocks can be written. */
@FunctionalInterface
public interface BlockSink {
  /** Stores {@code block}; storing a block that is already present is a no-op. */
  void put(Block block);

  /** A sink that drops every block, for computing CIDs only. */
  BlockSink DISCARD = block -> {};
}
