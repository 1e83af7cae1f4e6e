package io.quarry.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.cid.Cid;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.unixfs.DagPb;
import io.quarry.unixfs.ImportProfile;
import io.quarry.unixfs.UnixFsReader;
import io.quarry.unixfs.UnixFsWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
  @TempDir Path home;

  @Test
  void openCreatesTheLayout() {
    try (Store store = Store.open(home)) {
      for (String dir : List.of("blocks", "files", "datasets", "tmp")) {
        assertTrue(Files.isDirectory(home.resolve(dir)), dir);
      }
      assertEquals(home.toAbsolutePath(), store.home());
    }
  }

  @Test
  void defaultHomeIsQuarryHomeOrDotQuarry() {
    String env = System.getenv("QUARRY_HOME");
    Path expected =
        env != null && !env.isBlank()
            ? Path.of(env)
            : Path.of(System.getProperty("user.home"), ".quarry");
    assertEquals(expected, Store.defaultHome());
  }

  @Test
  void addFileStoresBlocksAndAWholeCopy() throws IOException {
    byte[] content = random(2 * (1 << 20) + 12345);
    Path file = home.resolve("input.bin");
    Files.write(file, content);
    try (Store store = Store.open(home.resolve("store"))) {
      Cid root = store.addFile(file, ImportProfile.UNIXFS_V1_2025);
      assertEquals(
          UnixFsWriter.writeFile(
              new ByteArrayInputStream(content), ImportProfile.UNIXFS_V1_2025, BlockSink.DISCARD),
          root);
      assertTrue(store.hasWholeFile(root));
      assertArrayEquals(content, Files.readAllBytes(store.wholeFile(root)));
      try (InputStream in = new UnixFsReader(store.blocks()).openFile(root)) {
        assertArrayEquals(content, in.readAllBytes());
      }
      assertEquals(List.of(), BlockStoreTest.allFiles(store.home().resolve("tmp")));
    }
  }

  @Test
  void wholeFileIsReassembledFromBlocksWhenMissing() throws IOException {
    byte[] content = random(300_000);
    Path file = home.resolve("input.bin");
    Files.write(file, content);
    try (Store store = Store.open(home.resolve("store"))) {
      Cid root = store.addFile(file, ImportProfile.KUBO_V0);
      assertTrue(root.toString().startsWith("Qm"));
      Files.delete(store.wholeFile(root));
      assertFalse(store.hasWholeFile(root));
      Path copy = store.wholeFile(root);
      assertArrayEquals(content, Files.readAllBytes(copy));
      assertTrue(store.hasWholeFile(root));
    }
  }

  /** A copy edited in place (its bytes no longer those of its CID) is never read as the file. */
  @Test
  void wholeFileChangedInPlaceIsAssembledAgain() throws IOException {
    byte[] content = random((1 << 20) + 4321);
    Path file = home.resolve("input.bin");
    Files.write(file, content);
    try (Store store = Store.open(home.resolve("store"))) {
      Cid root = store.addFile(file, ImportProfile.UNIXFS_V1_2025);
      Path copy = store.wholeFile(root);
      assertEquals(Store.SEALED, Files.getLastModifiedTime(copy));
      byte[] tampered = content.clone();
      tampered[tampered.length - 7] ^= 0x5a;
      Files.write(copy, tampered);
      assertFalse(store.hasWholeFile(root));
      Path again = store.wholeFile(root);
      assertArrayEquals(content, Files.readAllBytes(again));
      assertEquals(Store.SEALED, Files.getLastModifiedTime(again));
      assertTrue(store.hasWholeFile(root));
    }
  }

  @Test
  void corruptBlockStopsReassemblyAndLeavesNoCopy() throws IOException {
    byte[] content = random((1 << 20) + 10);
    Path file = home.resolve("input.bin");
    Files.write(file, content);
    try (Store store = Store.open(home.resolve("store"))) {
      Cid root = store.addFile(file, ImportProfile.UNIXFS_V1_2025);
      Files.delete(store.wholeFile(root));
      Cid leaf = DagPb.decode(store.blocks().get(root)).links().get(0).hash();
      Path leafFile = store.blocks().pathOf(leaf);
      byte[] bytes = Files.readAllBytes(leafFile);
      bytes[100] ^= 1;
      Files.write(leafFile, bytes);
      QuarryException e = assertThrows(QuarryException.class, () -> store.wholeFile(root));
      assertEquals(ErrorCode.CORRUPT_DATA, e.code());
      assertTrue(e.getMessage().contains(leaf.toString()), e.getMessage());
      assertFalse(store.hasWholeFile(root));
      assertEquals(List.of(), BlockStoreTest.allFiles(store.home().resolve("tmp")));
    }
  }

  @Test
  void missingInputFileIsNotFound() {
    try (Store store = Store.open(home)) {
      QuarryException e =
          assertThrows(
              QuarryException.class,
              () -> store.addFile(home.resolve("nope.csv"), ImportProfile.UNIXFS_V1_2025));
      assertEquals(ErrorCode.NOT_FOUND, e.code());
      assertTrue(e.getMessage().contains("nope.csv"));
    }
  }

  @Test
  void interruptedWriteLeavesOnlyCompleteVerifiedBlocks() throws IOException {
    try (Store store = Store.open(home)) {
      InputStream failing =
          new InputStream() {
            private int served;

            @Override
            public int read() {
              throw new AssertionError("unused");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
              if (served >= 3 * (1 << 20) / 2) {
                throw new IOException("connection reset");
              }
              int n = Math.min(len, 65536);
              served += n;
              return n;
            }
          };
      assertThrows(
          QuarryException.class,
          () -> UnixFsWriter.writeFile(failing, ImportProfile.UNIXFS_V1_2025, store.blocks()));
      // Leaves hashed before the failure may have been stored; each is whole and verifies.
      List<Path> blocks = BlockStoreTest.allFiles(home.resolve("blocks"));
      assertTrue(blocks.size() <= 1, blocks.toString());
      for (Path block : blocks) {
        Cid cid = Cid.parse(block.getFileName().toString());
        assertEquals(1 << 20, store.blocks().get(cid).length);
      }
      assertEquals(List.of(), store.datasets().names());
    }
  }

  private static byte[] random(int size) {
    byte[] b = new byte[size];
    new Random(size).nextBytes(b);
    return b;
  }
}
