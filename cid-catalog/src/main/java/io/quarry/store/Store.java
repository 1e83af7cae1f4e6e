package io.quarry.store;

import static java.util.Objects.requireNonNull;

import io.quarry.catalog.Datasets;
import io.quarry.cid.Cid;
import io.quarry.cid.Multicodec;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.unixfs.DagPb;
import io.quarry.unixfs.ImportProfile;
import io.quarry.unixfs.PbLink;
import io.quarry.unixfs.UnixFsReader;
import io.quarry.unixfs.UnixFsWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A node's local store under one home directory:
 *
 * <pre>
 * home/blocks/    content-addressed blocks (see BlockStore)
 * home/files/     whole-file copies of imported files, named by their root CID (CIDv1 base32),
 *                 so scans can seek inside a file instead of reassembling blocks; each is sealed
 *                 with a fixed modification time when written, and one whose time changed (edited
 *                 in place) is assembled again from its blocks, each verified on read
 * home/datasets/  dataset histories (see Datasets)
 * home/tmp/       temp files and staging areas; stale entries are removed on open
 * </pre>
 */
public final class Store implements AutoCloseable {
  /**
   * The modification time of every whole-file copy as written. Any write to a file moves its time
   * on, so a copy without it has been changed since (or was left by an older Quarry) and is not
   * trusted.
   */
  static final FileTime SEALED = FileTime.from(Instant.parse("2000-01-01T00:00:00Z"));

  /** Entries in tmp/ older than this belong to crashed processes and are removed on open. */
  private static final Duration STALE_TMP = Duration.ofHours(6);

  private final Path home;
  private final Path files;
  private final Path tmp;
  private final BlockStore blocks;
  private final Datasets datasets;

  private Store(Path home) {
    this.home = home;
    this.files = home.resolve("files");
    this.tmp = home.resolve("tmp");
    try {
      Files.createDirectories(files);
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new QuarryException(ErrorCode.IO_ERROR, "Cannot create store in " + home + ": " + e, e);
    }
    this.blocks = new BlockStore(home.resolve("blocks"), tmp);
    this.datasets = new Datasets(home.resolve("datasets"), blocks::syncDirectories);
    sweepStaleTmp();
  }

  /** Opens the store in {@code home}, creating its layout if needed. */
  public static Store open(Path home) {
    requireNonNull(home, "home is null");
    return new Store(home.toAbsolutePath().normalize());
  }

  /** {@code $QUARRY_HOME} if set and not blank, else {@code ~/.quarry}. */
  public static Path defaultHome() {
    String env = System.getenv("QUARRY_HOME");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".quarry");
  }

  public Path home() {
    return home;
  }

  public BlockStore blocks() {
    return blocks;
  }

  public Datasets datasets() {
    return datasets;
  }

  /**
   * Imports a file: its UnixFS blocks go into the block store and a whole-file copy into files/, in
   * one pass over the file. Blocks are complete and verified when they appear; if the import fails
   * half way, blocks already written stay (unreferenced) and no whole-file copy appears.
   *
   * @return the file's root CID
   */
  public Cid addFile(Path file, ImportProfile profile) {
    requireNonNull(file, "file is null");
    requireNonNull(profile, "profile is null");
    Path temp = tmp.resolve("file-" + UUID.randomUUID());
    try {
      Cid root;
      try (InputStream in = Files.newInputStream(file);
          FileChannel copy =
              FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        OutputStream copyOut = Channels.newOutputStream(copy);
        root = UnixFsWriter.writeFile(new TeeInputStream(in, copyOut), profile, blocks);
        copy.force(true);
      }
      publish(temp, root, false);
      return root;
    } catch (NoSuchFileException e) {
      throw new QuarryException(ErrorCode.NOT_FOUND, "File not found: " + file);
    } catch (IOException e) {
      throw new QuarryException(ErrorCode.IO_ERROR, "Cannot import " + file + ": " + e, e);
    } finally {
      AtomicFiles.deleteQuietly(temp);
    }
  }

  /**
   * Removes a UnixFS file this store is not to keep: its whole-file copy and every block of its DAG
   * (a shard an import placed on other nodes). Only for files nothing else here links to.
   */
  public void dropFile(Cid fileRoot) {
    requireNonNull(fileRoot, "fileRoot is null");
    try {
      Files.deleteIfExists(wholeFilePath(fileRoot));
    } catch (IOException e) {
      throw new QuarryException(
          ErrorCode.IO_ERROR, "Cannot delete the copy of " + fileRoot + ": " + e, e);
    }
    Deque<Cid> blocksOfFile = new ArrayDeque<>(List.of(fileRoot));
    while (!blocksOfFile.isEmpty()) {
      Cid cid = blocksOfFile.pop();
      if (cid.codec() == Multicodec.DAG_PB && blocks.has(cid)) {
        for (PbLink link : DagPb.decode(blocks.get(cid)).links()) {
          blocksOfFile.push(link.hash());
        }
      }
      blocks.delete(cid);
    }
  }

  public boolean hasWholeFile(Cid fileRoot) {
    return isSealed(wholeFilePath(fileRoot));
  }

  private static boolean isSealed(Path copy) {
    try {
      return Files.getLastModifiedTime(copy).equals(SEALED) && Files.isRegularFile(copy);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The whole-file copy of the UnixFS file {@code fileRoot}. If it is missing it is re-assembled
   * from blocks (each verified on read) and kept; so is one changed since it was written.
   *
   * @throws QuarryException NOT_FOUND if a block is missing, CORRUPT_DATA if one is corrupt,
   *     INVALID_ARGUMENT if the CID is a directory
   */
  public Path wholeFile(Cid fileRoot) {
    requireNonNull(fileRoot, "fileRoot is null");
    Path target = wholeFilePath(fileRoot);
    if (isSealed(target)) {
      return target;
    }
    Path temp = tmp.resolve("file-" + UUID.randomUUID());
    try {
      try (InputStream in = new UnixFsReader(blocks).openFile(fileRoot);
          FileChannel out =
              FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        in.transferTo(Channels.newOutputStream(out));
        out.force(true);
      }
      publish(temp, fileRoot, Files.exists(target));
      return target;
    } catch (IOException e) {
      throw new QuarryException(
          ErrorCode.IO_ERROR, "Cannot assemble " + fileRoot + " into " + target + ": " + e, e);
    } finally {
      AtomicFiles.deleteQuietly(temp);
    }
  }

  private Path wholeFilePath(Cid root) {
    return files.resolve(root.toV1().toString());
  }

  /**
   * Puts the written copy {@code temp} in place, sealed; over an existing copy only when
   * {@code replace} (a changed one: readers that have it open keep reading what they opened).
   */
  private void publish(Path temp, Cid root, boolean replace) throws IOException {
    Path target = wholeFilePath(root);
    if (!replace && Files.exists(target)) {
      return;
    }
    Files.setLastModifiedTime(temp, SEALED);
    try {
      AtomicFiles.move(temp, target);
    } catch (FileAlreadyExistsException e) {
      return;
    }
    AtomicFiles.fsyncDirectory(files);
  }

  private void sweepStaleTmp() {
    Instant cutoff = Instant.now().minus(STALE_TMP);
    try (Stream<Path> entries = Files.list(tmp)) {
      entries.forEach(
          p -> {
            try {
              FileTime modified = Files.getLastModifiedTime(p);
              if (modified.toInstant().isBefore(cutoff)) {
                AtomicFiles.deleteTree(p);
              }
            } catch (IOException e) {
              // Another process may have removed it meanwhile.
            }
          });
    } catch (IOException e) {
      // A leftover temp file costs only disk space.
    }
  }

  @Override
  public void close() {
    // Every write is complete and durable when its method returns; nothing is held open.
  }

  /** Copies what is read into a second stream, so a file is imported and copied in one pass. */
  private static final class TeeInputStream extends FilterInputStream {
    private final OutputStream copy;

    TeeInputStream(InputStream in, OutputStream copy) {
      super(in);
      this.copy = copy;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        copy.write(b);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        copy.write(b, off, n);
      }
      return n;
    }

    @Override
    public long skip(long n) {
      throw new UnsupportedOperationException("skip would leave a gap in the copy");
    }
  }
}
