package io.quarry.node.placement;

import static java.util.Objects.requireNonNull;

import io.quarry.catalog.DatasetVersion;
import io.quarry.cid.Cid;
import io.quarry.connectors.dataset.DatasetManifests;
import io.quarry.connectors.dataset.ShardInfo;
import io.quarry.error.QuarryException;
import io.quarry.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What this node holds and announces as provider records: the root of every dataset version in its
 * catalog, and every shard of those versions whose blocks it has. Recomputed at most once per
 * {@code maxAgeMillis} or when {@link #invalidate} says the store changed.
 */
public final class Holdings {
  private final Store store;
  private final long maxAgeMillis;
  private final Map<Cid, List<Cid>> shardsByRoot = new HashMap<>();
  private final List<Supplier<? extends Collection<Cid>>> extras = new CopyOnWriteArrayList<>();
  private Snapshot current;
  private long computedAtMillis;

  /** A set of held CIDs and its digest (equal sets, equal digests). */
  public record Snapshot(Set<Cid> cids, String digest) {
    public Snapshot {
      cids = Set.copyOf(requireNonNull(cids, "cids is null"));
      requireNonNull(digest, "digest is null");
    }

    public static Snapshot of(Set<Cid> cids) {
      return new Snapshot(
          cids,
          Holdings.digest(
              cids.stream().map(Cid::toString).collect(Collectors.toCollection(TreeSet::new))));
    }
  }

  public Holdings(Store store, long maxAgeMillis) {
    this.store = requireNonNull(store, "store is null");
    this.maxAgeMillis = maxAgeMillis;
  }

  public synchronized Snapshot current() {
    long now = System.currentTimeMillis();
    if (current == null || now - computedAtMillis > maxAgeMillis) {
      current = Snapshot.of(compute());
      computedAtMillis = now;
    }
    return current;
  }

  /**
   * Announces the CIDs {@code source} gives too (e.g. the result cache's keys, so coordinators can
   * find computed fragment results like shards).
   */
  public void announce(Supplier<? extends Collection<Cid>> source) {
    extras.add(requireNonNull(source, "source is null"));
    invalidate();
  }

  public synchronized void invalidate() {
    current = null;
  }

  private Set<Cid> compute() {
    Set<Cid> held = new TreeSet<>(Comparator.comparing(Cid::toString));
    for (String name : store.datasets().names()) {
      for (DatasetVersion version : store.datasets().history(name)) {
        Cid root = version.root();
        if (!store.blocks().has(root)) {
          continue;
        }
        held.add(root);
        for (Cid shard : shards(root)) {
          if (store.hasWholeFile(shard) || store.blocks().has(shard)) {
            held.add(shard);
          }
        }
      }
    }
    for (Supplier<? extends Collection<Cid>> extra : extras) {
      held.addAll(extra.get());
    }
    return held;
  }

  private List<Cid> shards(Cid root) {
    List<Cid> shards = shardsByRoot.get(root);
    if (shards == null) {
      try {
        shards = DatasetManifests.load(store, root).shards().stream().map(ShardInfo::cid).toList();
      } catch (QuarryException e) {
        // Metadata not (yet) local: nothing of this version can be announced but its root.
        return List.of();
      }
      shardsByRoot.put(root, shards);
    }
    return shards;
  }

  /** A short stable digest of sorted strings. */
  public static String digest(Iterable<String> sorted) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String s : sorted) {
        sha.update(s.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
