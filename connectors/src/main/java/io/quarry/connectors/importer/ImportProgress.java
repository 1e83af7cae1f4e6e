package io.quarry.connectors.importer;

import io.quarry.connectors.dataset.ShardInfo;

/** Listens to a running import, e.g. to draw a progress bar. Called on the importing thread. */
@FunctionalInterface
public interface ImportProgress {
  ImportProgress NONE = (read, total) -> { };

  /** {@code read} of {@code total} input bytes are consumed; called often, last with read == total. */
  void bytesRead(long read, long total);

  /** A shard is written and stored. */
  default void shardWritten(ShardInfo shard) { }
}
