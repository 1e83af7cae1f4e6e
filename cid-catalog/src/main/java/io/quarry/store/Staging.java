package io.quarry.store;

import io.quarry.cid.Cid;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Blocks written here stay invisible to the block store until {@link #commit()}; {@link #close()}
 * without a commit deletes them. Used by imports that must keep nothing when they fail. Reads see
 * both staged blocks and blocks already in the store.
 */
public final class Staging implements BlockSink, BlockSource, AutoCloseable {
  private final BlockStore store;
  private final Path dir;
  private final Set<Cid> staged = new LinkedHashSet<>();
  private boolean finished;

  Staging(BlockStore store, Path tmpDir) {
    this.store = store;
    this.dir = tmpDir.resolve("stage-" + UUID.randomUUID());
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new QuarryException(
          ErrorCode.IO_ERROR, "Cannot create staging directory " + dir + ": " + e, e);
    }
  }

  @Override
  public void put(Block block) {
    checkOpen();
    Cid cid = block.cid().toV1();
    if (BlockStore.isInline(cid) || staged.contains(cid) || store.has(cid)) {
      return;
    }
    try {
      BlockStore.writeSynced(stagedPath(cid), block.data());
    } catch (IOException e) {
      throw new QuarryException(
          ErrorCode.IO_ERROR, "Cannot write staged block " + cid + " in " + dir + ": " + e, e);
    }
    staged.add(cid);
  }

  @Override
  public byte[] get(Cid cid) {
    checkOpen();
    Cid v1 = cid.toV1();
    if (staged.contains(v1)) {
      return BlockStore.readVerified(cid, stagedPath(v1));
    }
    return store.get(cid);
  }

  public boolean has(Cid cid) {
    return staged.contains(cid.toV1()) || store.has(cid);
  }

  /** Number of new blocks staged so far. */
  public int size() {
    return staged.size();
  }

  /** Moves every staged block into the store (each an atomic rename) and ends the staging. */
  public void commit() {
    checkOpen();
    try {
      for (Cid cid : staged) {
        Path target = store.pathOf(cid);
        Files.createDirectories(target.getParent());
        AtomicFiles.move(stagedPath(cid), target);
        store.renamedInto(target.getParent());
      }
    } catch (IOException e) {
      throw new QuarryException(
          ErrorCode.IO_ERROR, "Cannot move staged blocks from " + dir + " into the store: " + e, e);
    } finally {
      finished = true;
      deleteDirectory();
    }
  }

  /** Discards whatever was staged and not committed. */
  @Override
  public void close() {
    if (!finished) {
      finished = true;
      deleteDirectory();
    }
  }

  private Path stagedPath(Cid v1) {
    return dir.resolve(v1.toString());
  }

  private void checkOpen() {
    if (finished) {
      throw new IllegalStateException("staging area " + dir + " is already committed or closed");
    }
  }

  private void deleteDirectory() {
    try (Stream<Path> files = Files.list(dir)) {
      files.forEach(AtomicFiles::deleteQuietly);
    } catch (IOException e) {
      // Leftovers in tmp are invisible to readers; Store.open sweeps stale ones.
    }
    AtomicFiles.deleteQuietly(dir);
  }
}
