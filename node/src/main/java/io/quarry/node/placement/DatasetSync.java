package io.quarry.node.placement;

import static java.util.Objects.requireNonNull;

import io.quarry.catalog.DatasetVersion;
import io.quarry.cid.Cid;
import io.quarry.node.blocks.BlockFetcher;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Replicates dataset histories (name → roots) between members. A peer's history is adopted when
 * ours is a prefix of it: the missing versions' metadata blocks are fetched from that peer (and
 * verified), then appended in order. Histories that diverged are left alone and reported.
 */
public final class DatasetSync {
  private final Store store;
  private final BlockFetcher fetcher;
  private final Consumer<String> log;

  public DatasetSync(Store store, BlockFetcher fetcher, Consumer<String> log) {
    this.store = requireNonNull(store, "store is null");
    this.fetcher = requireNonNull(fetcher, "fetcher is null");
    this.log = requireNonNull(log, "log is null");
  }

  /** Every dataset's history as its roots, oldest first. */
  public Map<String, List<Cid>> histories() {
    Map<String, List<Cid>> out = new TreeMap<>();
    for (String name : store.datasets().names()) {
      out.put(name, store.datasets().history(name).stream().map(DatasetVersion::root).toList());
    }
    return out;
  }

  public String digest() {
    List<String> lines = new ArrayList<>();
    histories().forEach((name, roots) -> lines.add(name + "=" + roots));
    return Holdings.digest(lines);
  }

  /** Adopts what {@code peer} has and we lack; returns the number of versions appended. */
  public synchronized int adopt(Map<String, List<Cid>> remote, NodeAddress peer) {
    int appended = 0;
    for (Map.Entry<String, List<Cid>> entry : remote.entrySet()) {
      String name = entry.getKey();
      List<Cid> theirs = entry.getValue();
      List<Cid> ours = store.datasets().history(name).stream().map(DatasetVersion::root).toList();
      if (theirs.size() <= ours.size()) {
        continue;
      }
      if (!theirs.subList(0, ours.size()).equals(ours)) {
        log.accept("dataset " + name + " diverged from " + peer + "; keeping this node's history");
        continue;
      }
      for (Cid root : theirs.subList(ours.size(), theirs.size())) {
        if (!store.blocks().has(root)) {
          fetcher.fetchMetadata(root, List.of(peer));
        }
        DatasetVersion version = store.datasets().append(name, root);
        log.accept(
            "dataset " + name + " version " + version.version() + " = " + root + " from " + peer);
        appended++;
      }
    }
    return appended;
  }
}
