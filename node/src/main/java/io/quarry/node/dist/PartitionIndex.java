package io.quarry.node.dist;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarry.cid.Cid;
import io.quarry.node.cluster.ClusterWire;
import io.quarry.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The partitions a node stored for repartitioned joins, by {@link PartitionSpec#key}: one small
 * JSON file per key under {@code <home>/cache/partitions/<last two characters>/<key>}, written
 * atomically after the partitions' blocks, so an entry never names a result that is not stored.
 * Entries survive restarts; the node announces their keys and result CIDs among its provider
 * records. The entries of a store are read once per process and shared by whoever partitions
 * into it (the node serving requests and the coordinator partitioning for itself).
 */
final class PartitionIndex {
  private static final Map<Path, Map<Cid, LeafPartitions>> ENTRIES = new ConcurrentHashMap<>();

  private final Store store;
  private final Path dir;
  private final Map<Cid, LeafPartitions> entries;

  private PartitionIndex(Store store) {
    this.store = store;
    this.dir = store.home().resolve("cache").resolve("partitions");
    this.entries = ENTRIES.computeIfAbsent(dir.toAbsolutePath().normalize(), PartitionIndex::load);
  }

  /** The index of {@code store}'s partitions. */
  static PartitionIndex of(Store store) {
    return new PartitionIndex(requireNonNull(store, "store is null"));
  }

  /** The partitions stored under {@code key}, if every one of them is still in the store. */
  Optional<LeafPartitions> get(Cid key) {
    LeafPartitions entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    for (LeafPartitions.Part part : entry.partitions()) {
      if (part != null && !store.blocks().has(Cid.parse(part.result()))) {
        return Optional.empty();
      }
    }
    return Optional.of(entry);
  }

  void put(Cid key, LeafPartitions partitions) {
    String name = key.toString();
    Path file = dir.resolve(name.substring(name.length() - 2)).resolve(name);
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), ".entry-", ".tmp");
      Files.write(temp, ClusterWire.write(partitions));
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot index the partitions " + key, e);
    }
    entries.put(key, partitions);
  }

  /** The keys and result CIDs this node announces. */
  Set<Cid> announced() {
    Set<Cid> out = new HashSet<>();
    entries.forEach(
        (key, entry) -> {
          out.add(key);
          for (LeafPartitions.Part part : entry.partitions()) {
            if (part != null) {
              out.add(Cid.parse(part.result()));
            }
          }
        });
    return out;
  }

  private static Map<Cid, LeafPartitions> load(Path dir) {
    Map<Cid, LeafPartitions> entries = new ConcurrentHashMap<>();
    if (!Files.isDirectory(dir)) {
      return entries;
    }
    try (Stream<Path> files = Files.walk(dir, 2)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String name = file.getFileName().toString();
        if (name.startsWith(".")) {
          continue;
        }
        try {
          entries.put(
              Cid.parse(name),
              ClusterWire.read(Files.readAllBytes(file), new TypeReference<LeafPartitions>() {}));
        } catch (RuntimeException | IOException e) {
          // A damaged entry only costs computing its partitions again.
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the partition index " + dir, e);
    }
    return entries;
  }
}
