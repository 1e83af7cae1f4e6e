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
import java.util.Optional;
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

  ResultIndex(Path dir) {
    this.dir = requireNonNull(dir, "dir is null");
    for (FragmentKey.Kind kind : FragmentKey.Kind.values()) {
      entries[kind.ordinal()] = new AtomicLong(countFiles(dir.resolve(kind.id())));
    }
  }

  /** The result stored under {@code key}, if any. */
  Optional<Entry> get(FragmentKey key) {
    Path file = fileOf(key);
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      String[] parts = text.split(" ");
      return Optional.of(new Entry(Cid.parse(parts[0]), Long.parseLong(parts[1])));
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
  }

  long entries(FragmentKey.Kind kind) {
    return entries[kind.ordinal()].get();
  }

  private Path fileOf(FragmentKey key) {
    String name = key.cid().toString();
    return dir.resolve(key.kind().id()).resolve(name.substring(name.length() - 2)).resolve(name);
  }

  private static long countFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")).count();
    } catch (IOException e) {
      return 0;
    }
  }

  /** One index entry: the result's CID and how many rows it has. */
  record Entry(Cid result, long rows) {
    Entry {
      requireNonNull(result, "result is null");
    }
  }
}
