package io.quarry.exec;

import io.quarry.exec.plan.ShardRef;
import java.nio.file.Path;

/** Finds the local whole-file copy of a shard (fetching it first if the node does not hold it). */
@FunctionalInterface
public interface ShardResolver {
  Path pathOf(ShardRef shard);
}
