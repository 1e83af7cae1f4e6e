package io.quarry.cache;

import static java.util.Objects.requireNonNull;

import io.quarry.cid.Cid;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The L2 index: result key → result CID, one small file per key under {@code
 * <home>/cache/index/<kind>/<last two characters of the key>/<key>}, holding the result CID and its
 * row count. Each file is written atomically (temp, fsync, rename), so a crash leaves either no
 * entry or a whole one; the result's blocks are written before its entry, so an entry never points
 * at a result that is not stored.
 */
final class ResultIndex {
  private final Path dir;
  private final AtomicLong[] entries = new AtomicLong[FragmentKey.Kind.values().length];
  private final Set<FragmentKey> keys = ConcurrentHashMap.newKeySet();

  ResultIndex(Path dir) {
    this.dir = requireNonNull(dir, "dir is null");
    for (FragmentKey.Kind kind : FragmentKey.Kind.values()) {
      List<Cid> found = listKeys(dir.resolve(kind.id()));
      entries[kind.ordinal()] = new AtomicLong(found.size());
      for (Cid key : found) {
        keys.add(new FragmentKey(key, kind));
      }
    }
  }

  /** The keys that have an entry (read at start, then kept up to date by {@link #put}). */
  Set<FragmentKey> keys() {
    return Collections.unmodifiableSet(keys);
  }

  /** The result stored under {@code key}, if any. */
  Optional<Entry> get(FragmentKey key) {
    Path file = fileOf(key);
    if (!keys.contains(key) && !file.toFile().isFile()) {
      return Optional.empty(); // a miss (the usual case for a new fragment) without an exception
    }
    try {
      return Optional.of(parse(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      // An unreadable entry is as good as none: the result is computed and the entry rewritten.
      return Optional.empty();
    }
  }

  /** Records that {@code key}'s result is {@code result} with {@code rows} rows. */
  void put(FragmentKey key, Cid result, long rows) {
    Path file = fileOf(key);
    boolean existed = Files.exists(file);
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new QuarryException(ErrorCode.IO_ERROR, "Cannot create " + file.getParent() + ": " + e, e);
    }
    AtomicFiles.write(file, (result + " " + rows + "\n").getBytes(StandardCharsets.UTF_8));
    AtomicFiles.fsyncDirectory(file.getParent());
    if (!existed) {
      entries[key.kind().ordinal()].incrementAndGet();
    }
    keys.add(key);
  }

  long entries(FragmentKey.Kind kind) {
    return entries[kind.ordinal()].get();
  }

  /**
   * Every entry on disk with the time it was last written or read (its file's modification time:
   * a read from the store moves it forward, which is what eviction orders by).
   */
  List<Listed> list() {
    List<Listed> out = new ArrayList<>();
    for (FragmentKey.Kind kind : FragmentKey.Kind.values()) {
      Path kindDir = dir.resolve(kind.id());
      if (!Files.isDirectory(kindDir)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(kindDir)) {
        for (Path p : files.filter(ResultIndex::isEntryFile).toList()) {
          try {
            FragmentKey key = new FragmentKey(Cid.parse(p.getFileName().toString()), kind);
            Entry entry = parse(Files.readString(p, StandardCharsets.UTF_8));
            out.add(new Listed(key, entry, Files.getLastModifiedTime(p).toMillis()));
          } catch (IOException | RuntimeException e) {
            // Not an entry of ours, or one being replaced: left alone.
          }
        }
      } catch (IOException e) {
        throw new QuarryException(ErrorCode.IO_ERROR, "Cannot list " + kindDir + ": " + e, e);
      }
    }
    return out;
  }

  /** Removes {@code key}'s entry (its result's blocks stay: see {@link StoreEviction}). */
  void remove(FragmentKey key) {
    try {
      if (Files.deleteIfExists(fileOf(key))) {
        entries[key.kind().ordinal()].decrementAndGet();
      }
    } catch (IOException e) {
      throw new QuarryException(ErrorCode.IO_ERROR, "Cannot remove the cache entry " + key + ": " + e, e);
    }
    keys.remove(key);
  }

  private static Entry parse(String text) {
    String[] parts = text.strip().split(" ");
    return new Entry(Cid.parse(parts[0]), Long.parseLong(parts[1]));
  }

  /**
   * Marks {@code key}'s entry as used now (its result was read from the store), which eviction
   * orders by; an entry that cannot be touched only looks older.
   */
  void touch(FragmentKey key) {
    try {
      Files.setLastModifiedTime(fileOf(key), FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException | RuntimeException e) {
      // Best effort.
    }
  }

  private static boolean isEntryFile(Path p) {
    return Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".");
  }

  private Path fileOf(FragmentKey key) {
    String name = key.cid().toString();
    return dir.resolve(key.kind().id()).resolve(name.substring(name.length() - 2)).resolve(name);
  }

  private static List<Cid> listKeys(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Cid> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.filter(ResultIndex::isEntryFile).toList()) {
        try {
          out.add(Cid.parse(p.getFileName().toString()));
        } catch (RuntimeException e) {
          // Not an entry of ours: ignored.
        }
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  /** An entry with its key and when it was last written or read (epoch milliseconds). */
  record Listed(FragmentKey key, Entry entry, long lastUsedMillis) {}

  /** One index entry: the result's CID and how many rows it has. */
  record Entry(Cid result, long rows) {
    Entry {
      requireNonNull(result, "result is null");
    }
  }
}
