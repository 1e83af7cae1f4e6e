package io.quarry.store;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Crash-safe file replacement: write a temp file next to the target, fsync it, rename it over the
 * target. Readers see either the old file or the complete new one, never a torn write.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Atomically creates or replaces {@code target} with {@code data}. */
  public static void write(Path target, byte[] data) {
    Path temp = tempSibling(target);
    try {
      try (FileChannel ch =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(data);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      move(temp, target);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new QuarryException(
          ErrorCode.IO_ERROR, "Cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** A fresh temp path in the same directory as {@code target} (hidden, random suffix). */
  public static Path tempSibling(Path target) {
    return target.resolveSibling(
        "."
            + target.getFileName()
            + ".tmp-"
            + Long.toHexString(ThreadLocalRandom.current().nextLong()));
  }

  /** Renames {@code source} over {@code target} atomically. */
  public static void move(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(
          "cannot rename " + source + " to " + target + " atomically (different file systems?)", e);
    }
  }

  /** Makes a completed rename in {@code dir} durable; best effort where directories cannot sync. */
  public static void fsyncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UncheckedIOException e) {
      // Some platforms (Windows) cannot open directories; the rename itself is still atomic.
    }
  }

  /** Deletes {@code root} and, for a directory, everything below it; absent is already done. */
  public static void deleteTree(Path root) throws IOException {
    if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> children = Files.list(root)) {
        for (Path child : children.toList()) {
          deleteTree(child);
        }
      }
    }
    Files.deleteIfExists(root);
  }

  public static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // Nothing useful to do: a leftover temp file is invisible to readers.
    }
  }
}
