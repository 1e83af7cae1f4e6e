package io.quarry.cache;

import static java.util.Objects.requireNonNull;

import io.quarry.car.Links;
import io.quarry.catalog.DatasetVersion;
import io.quarry.cid.Cid;
import io.quarry.cid.Multicodec;
import io.quarry.error.QuarryException;
import io.quarry.store.BlockStore;
import io.quarry.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Evicts results from L2 (the store) until the results it keeps take at most a given number of
 * bytes, least recently used first: their index entries go, then every block of theirs that
 * nothing kept still links to (no kept result, no version of any dataset). Blocks that are not
 * results' (shards, directories, imported CARs, saved queries) are never deleted. Results are only
 * a cache: an evicted one is computed again the next time it is needed.
 */
public final class StoreEviction {
  private final Store store;
  private final ResultIndex index;

  StoreEviction(Store store, ResultIndex index) {
    this.store = requireNonNull(store, "store is null");
    this.index = requireNonNull(index, "index is null");
  }

  /** What an eviction found and did (or, for a dry run, would do). */
  public record Report(
      int results,
      long resultBytes,
      int evicted,
      long evictedBytes,
      long lastUsedEvictedMillis,
      int blocksDeleted,
      long bytesFreed) {}

  /**
   * Evicts least recently used results until the kept ones take at most {@code maxBytes}; with
   * {@code dryRun}, only reports what it would evict. {@code evictedKey} hears of every index entry
   * removed (to drop it from memory too).
   */
  Report evict(long maxBytes, boolean dryRun, Consumer<FragmentKey> evictedKey) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
    }
    BlockStore blocks = store.blocks();
    // Entries sharing a result (equal results have one CID) are one result, used when any was.
    Map<Cid, List<ResultIndex.Listed>> byResult = new LinkedHashMap<>();
    for (ResultIndex.Listed listed : index.list()) {
      byResult.computeIfAbsent(listed.entry().result(), r -> new ArrayList<>()).add(listed);
    }
    Map<Cid, Set<Cid>> dags = new LinkedHashMap<>();
    Map<Cid, Long> bytes = new LinkedHashMap<>();
    long total = 0;
    for (Cid result : byResult.keySet()) {
      Set<Cid> dag = new HashSet<>();
      walk(result, dag, null);
      dags.put(result, dag);
      long size = size(blocks, dag);
      bytes.put(result, size);
      total += size;
    }
    List<Cid> oldestFirst = new ArrayList<>(byResult.keySet());
    oldestFirst.sort(Comparator.comparingLong(r -> lastUsed(byResult.get(r))));
    List<Cid> evicted = new ArrayList<>();
    long kept = total;
    long evictedBytes = 0;
    long lastUsedEvicted = 0;
    for (Cid result : oldestFirst) {
      if (kept <= maxBytes) {
        break;
      }
      evicted.add(result);
      kept -= bytes.get(result);
      evictedBytes += bytes.get(result);
      lastUsedEvicted = Math.max(lastUsedEvicted, lastUsed(byResult.get(result)));
    }
    // Blocks of evicted results that nothing kept links to.
    Set<Cid> candidates = new HashSet<>();
    for (Cid result : evicted) {
      candidates.addAll(dags.get(result));
    }
    Set<Cid> evictedSet = new HashSet<>(evicted);
    for (Map.Entry<Cid, Set<Cid>> e : dags.entrySet()) {
      if (!evictedSet.contains(e.getKey())) {
        candidates.removeAll(e.getValue());
      }
    }
    if (!candidates.isEmpty()) {
      Set<Cid> seen = new HashSet<>();
      for (String name : store.datasets().names()) {
        for (DatasetVersion version : store.datasets().history(name)) {
          walk(version.root(), seen, candidates);
        }
      }
    }
    long freed = size(blocks, candidates);
    int deleted = 0;
    if (!dryRun) {
      for (Cid result : evicted) {
        for (ResultIndex.Listed listed : byResult.get(result)) {
          index.remove(listed.key());
          evictedKey.accept(listed.key());
        }
      }
      // Entries first: from now on no lookup finds these results, so none reads a block below.
      for (Cid block : candidates) {
        if (blocks.delete(block)) {
          deleted++;
        }
      }
    }
    return new Report(
        byResult.size(),
        total,
        evicted.size(),
        evictedBytes,
        lastUsedEvicted,
        dryRun ? candidates.size() : deleted,
        freed);
  }

  private static long lastUsed(List<ResultIndex.Listed> entries) {
    return entries.stream().mapToLong(ResultIndex.Listed::lastUsedMillis).max().orElse(0);
  }

  /**
   * Adds the blocks of the DAG under {@code root} that are stored to {@code seen}, reading those
   * that can link (raw blocks cannot); every one reached is also taken out of {@code live} when it
   * is given. A block that is missing or unreadable ends its branch: nothing under it is known.
   */
  private void walk(Cid root, Set<Cid> seen, Set<Cid> live) {
    BlockStore blocks = store.blocks();
    Deque<Cid> toVisit = new ArrayDeque<>();
    toVisit.push(root);
    while (!toVisit.isEmpty()) {
      Cid cid = toVisit.pop();
      if (!seen.add(cid)) {
        continue;
      }
      if (live != null) {
        live.remove(cid);
      }
      if (cid.codec() == Multicodec.RAW || !blocks.has(cid)) {
        continue;
      }
      try {
        List<Cid> links = Links.of(cid, blocks.get(cid));
        if (links != null) {
          links.forEach(toVisit::push);
        }
      } catch (QuarryException e) {
        // A corrupt block links to nothing we can know of; its own bytes are all we count.
      }
    }
  }

  private static long size(BlockStore blocks, Set<Cid> dag) {
    long total = 0;
    for (Cid cid : dag) {
      try {
        total += Files.size(blocks.pathOf(cid));
      } catch (IOException | RuntimeException e) {
        // Missing (or inline): takes no room.
      }
    }
    return total;
  }
}
