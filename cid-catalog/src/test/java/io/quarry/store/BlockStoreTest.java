package io.quarry.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.cid.Cid;
import io.quarry.cid.Multicodec;
import io.quarry.cid.Multihash;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockStoreTest {
  @TempDir Path home;

  @Test
  void storesOneFilePerBlockInShardDirectories() throws IOException {
    BlockStore store = new BlockStore(home.resolve("blocks"), home.resolve("tmp"));
    Block block = Block.of(Multicodec.RAW, "hello world\n".getBytes(StandardCharsets.UTF_8));
    assertFalse(store.has(block.cid()));
    store.put(block);
    store.put(block);
    assertTrue(store.has(block.cid()));
    assertArrayEquals(block.data(), store.get(block.cid()));
    String name = "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4";
    assertEquals(home.resolve("blocks").resolve("ei").resolve(name), store.pathOf(block.cid()));
    assertEquals(List.of(store.pathOf(block.cid())), allFiles(home.resolve("blocks")));
  }

  @Test
  void cidV0AndV1NameTheSameBlock() {
    BlockStore store = new BlockStore(home.resolve("blocks"), home.resolve("tmp"));
    Block v0 = Block.v0(new byte[] {0x0a, 0x02, 0x08, 0x01});
    store.put(v0);
    Cid v1 = v0.cid().toV1();
    assertTrue(store.has(v1));
    assertArrayEquals(v0.data(), store.get(v1));
  }

  @Test
  void corruptBlockOnDiskIsReportedWithCidAndFile() throws IOException {
    BlockStore store = new BlockStore(home.resolve("blocks"), home.resolve("tmp"));
    Block block = Block.of(Multicodec.RAW, new byte[] {1, 2, 3, 4});
    store.put(block);
    Path file = store.pathOf(block.cid());
    Files.write(file, new byte[] {1, 2, 3, 5});
    QuarryException e = assertThrows(QuarryException.class, () -> store.get(block.cid()));
    assertEquals(ErrorCode.CORRUPT_DATA, e.code());
    assertTrue(e.getMessage().contains(block.cid().toString()), e.getMessage());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void missingBlockIsNotFound() {
    BlockStore store = new BlockStore(home.resolve("blocks"), home.resolve("tmp"));
    Cid cid = Cid.v1(Multicodec.RAW, Multihash.sha256(new byte[] {9}));
    QuarryException e = assertThrows(QuarryException.class, () -> store.get(cid));
    assertEquals(ErrorCode.NOT_FOUND, e.code());
    assertTrue(e.getMessage().contains(cid.toString()), e.getMessage());
  }

  @Test
  void identityBlocksAreInline() throws IOException {
    BlockStore store = new BlockStore(home.resolve("blocks"), home.resolve("tmp"));
    Cid cid = Cid.v1(Multicodec.RAW, Multihash.identity(new byte[] {7, 7}));
    store.put(new Block(cid, new byte[] {7, 7}));
    assertTrue(store.has(cid));
    assertArrayEquals(new byte[] {7, 7}, store.get(cid));
    assertEquals(List.of(), allFiles(home.resolve("blocks")));
  }

  @Test
  void stagedBlocksAppearOnlyOnCommit() throws IOException {
    BlockStore store = new BlockStore(home.resolve("blocks"), home.resolve("tmp"));
    Block a = Block.of(Multicodec.RAW, new byte[] {1});
    Block b = Block.of(Multicodec.RAW, new byte[] {2});
    try (Staging staging = store.stage()) {
      staging.put(a);
      assertTrue(staging.has(a.cid()));
      assertArrayEquals(a.data(), staging.get(a.cid()));
      assertFalse(store.has(a.cid()));
    }
    assertFalse(store.has(a.cid()));
    assertEquals(List.of(), allFiles(home.resolve("tmp")));
    try (Staging staging = store.stage()) {
      staging.put(a);
      staging.put(b);
      staging.commit();
    }
    assertArrayEquals(a.data(), store.get(a.cid()));
    assertArrayEquals(b.data(), store.get(b.cid()));
    assertEquals(List.of(), allFiles(home.resolve("tmp")));
  }

  static List<Path> allFiles(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
