package io.quarry.node.blocks;

import io.quarry.cid.Cid;
import io.quarry.cid.Multicodec;
import io.quarry.connectors.dataset.DatasetManifests;
import io.quarry.connectors.dataset.ShardInfo;
import io.quarry.store.Store;
import io.quarry.unixfs.DagPb;
import io.quarry.unixfs.PbLink;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The blocks that describe a dataset without its data: the root directory (with any HAMT nodes) and
 * the manifest file — every block under the root except the shards' DAGs. A node that holds them
 * can plan queries over the dataset and knows which shards to ask holders for.
 */
public final class DatasetMetadata {
  private DatasetMetadata() {}

  /** The CIDs of the dataset's metadata blocks, the root first. */
  public static List<Cid> blocks(Store store, Cid root) {
    Set<Cid> shards = new HashSet<>();
    for (ShardInfo shard : DatasetManifests.load(store, root).shards()) {
      shards.add(shard.cid());
    }
    List<Cid> out = new ArrayList<>();
    Set<Cid> seen = new HashSet<>();
    Deque<Cid> pending = new ArrayDeque<>();
    pending.add(root);
    while (!pending.isEmpty()) {
      Cid cid = pending.poll();
      if (shards.contains(cid) || !seen.add(cid)) {
        continue;
      }
      out.add(cid);
      if (cid.codec() == Multicodec.DAG_PB) {
        for (PbLink link : DagPb.decode(store.blocks().get(cid)).links()) {
          pending.add(link.hash());
        }
      }
    }
    return out;
  }
}
