package io.quarry.store;

import static java.util.Objects.requireNonNull;

import io.quarry.cid.Cid;
import io.quarry.cid.Multihash;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local content-addressed block store: one file per block at {@code
 * <dir>/<shard>/<cidv1-base32>}, where the shard is the two characters before the last one of the
 * name (as in go-ds-flatfs, spreading blocks over 1024 directories).
 *
 * <p>Writes are atomic (temp file in the shard directory, fsync, rename), so a crash never leaves a
 * partial block under a block's name. The renames themselves are made durable in batches: {@link
 * #syncDirectories()} fsyncs every directory that got a block since the last call, and runs before
 * a dataset's history points at new blocks. Reads verify the hash. A CIDv0 and its CIDv1 name the
 * same file. Identity CIDs carry their bytes inline and are never stored.
 */
public final class BlockStore implements BlockSink, BlockSource {
  private final Path dir;
  private final Path tmpDir;
  private final Set<Path> unsynced = ConcurrentHashMap.newKeySet();

  /**
   * @param dir where blocks live
   * @param tmpDir scratch space on the same file system, for staging whole imports
   */
  public BlockStore(Path dir, Path tmpDir) {
    this.dir = requireNonNull(dir, "dir is null");
    this.tmpDir = requireNonNull(tmpDir, "tmpDir is null");
    try {
      Files.createDirectories(dir);
      Files.createDirectories(tmpDir);
    } catch (IOException e) {
      throw new QuarryException(
          ErrorCode.IO_ERROR, "Cannot create block store directory " + dir + ": " + e, e);
    }
  }

  public Path directory() {
    return dir;
  }

  /** The file that holds (or would hold) the block. */
  public Path pathOf(Cid cid) {
    String name = cid.toV1().toString();
    int n = name.length();
    return dir.resolve(name.substring(n - 3, n - 1)).resolve(name);
  }

  /**
   * Deletes the block if it is stored; true if it was. Only for blocks nothing else needs: the
   * caller checks what links to them (a block store keeps no reference counts).
   */
  public boolean delete(Cid cid) {
    if (isInline(cid)) {
      return false;
    }
    try {
      return Files.deleteIfExists(pathOf(cid));
    } catch (IOException e) {
      throw new QuarryException(ErrorCode.IO_ERROR, "Cannot delete block " + cid + ": " + e, e);
    }
  }

  public boolean has(Cid cid) {
    return isInline(cid) || Files.isRegularFile(pathOf(cid));
  }

  /** Stores the block; the block's CID is trusted (see {@link Block}). */
  @Override
  public void put(Block block) {
    Cid cid = block.cid();
    if (isInline(cid)) {
      return;
    }
    Path target = pathOf(cid);
    if (Files.exists(target)) {
      return;
    }
    writeAtomically(target, block.data());
    renamedInto(target.getParent());
  }

  /** Notes a directory that got a block by rename, for {@link #syncDirectories()}. */
  void renamedInto(Path directory) {
    unsynced.add(directory);
  }

  /**
   * Makes every block stored so far durable under its name: fsyncs the directories that got one
   * since the last call (and the store's own, which may have got new directories).
   */
  public void syncDirectories() {
    if (unsynced.isEmpty()) {
      return;
    }
    for (Path d : List.copyOf(unsynced)) {
      unsynced.remove(d);
      AtomicFiles.fsyncDirectory(d);
    }
    AtomicFiles.fsyncDirectory(dir);
  }

  @Override
  public byte[] get(Cid cid) {
    if (isInline(cid)) {
      return cid.multihash().digest();
    }
    return readVerified(cid, pathOf(cid));
  }

  /** A staging area for blocks that become visible only on {@link Staging#commit()}. */
  public Staging stage() {
    return new Staging(this, tmpDir);
  }

  static boolean isInline(Cid cid) {
    return cid.multihash().code() == Multihash.IDENTITY;
  }

  static byte[] readVerified(Cid cid, Path file) {
    byte[] data;
    try {
      data = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new QuarryException(ErrorCode.NOT_FOUND, "Block " + cid + " not found (" + file + ")");
    } catch (IOException e) {
      throw new QuarryException(
          ErrorCode.IO_ERROR, "Cannot read block " + cid + " from " + file + ": " + e, e);
    }
    checkHash(cid, data, file);
    return data;
  }

  static void checkHash(Cid cid, byte[] data, Path file) {
    Multihash mh = cid.multihash();
    if (!mh.isVerifiable()) {
      throw new QuarryException(
          ErrorCode.UNSUPPORTED,
          "Cannot verify block " + cid + ": " + Multihash.name(mh.code()) + " is not supported");
    }
    if (!mh.matches(data)) {
      throw new QuarryException(
          ErrorCode.CORRUPT_DATA,
          "Block "
              + cid
              + " is corrupt: the "
              + data.length
              + " bytes in "
              + file
              + " do not hash to its CID (delete the file and import the block again)");
    }
  }

  static void writeAtomically(Path target, byte[] data) {
    Path temp = null;
    try {
      Files.createDirectories(target.getParent());
      temp = AtomicFiles.tempSibling(target);
      writeSynced(temp, data);
      AtomicFiles.move(temp, target);
    } catch (FileAlreadyExistsException e) {
      AtomicFiles.deleteQuietly(temp);
    } catch (IOException e) {
      if (temp != null) {
        AtomicFiles.deleteQuietly(temp);
      }
      throw new QuarryException(
          ErrorCode.IO_ERROR, "Cannot write block file " + target + ": " + e, e);
    }
  }

  static void writeSynced(Path file, byte[] data) throws IOException {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(data);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(false);
    }
  }
}
