package io.quarry.unixfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.cid.Cid;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.store.Block;
import io.quarry.store.BlockSink;
import io.quarry.store.BlockSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class UnixFsReaderTest {
  /** An in-memory block map for tests; reads do not verify, the store tests cover that. */
  static final class MemoryBlocks implements BlockSink, BlockSource {
    final Map<Cid, byte[]> blocks = new HashMap<>();

    @Override
    public void put(Block block) {
      blocks.put(block.cid(), block.data());
    }

    @Override
    public byte[] get(Cid cid) {
      byte[] data = blocks.get(cid);
      if (data == null) {
        throw new QuarryException(ErrorCode.NOT_FOUND, "no block " + cid);
      }
      return data;
    }
  }

  @Property(tries = 60)
  void filesReadBackByteForByte(
      @ForAll @IntRange(max = 2000) int size,
      @ForAll @IntRange(min = 1, max = 64) int chunkSize,
      @ForAll @IntRange(min = 2, max = 6) int maxLinks,
      @ForAll boolean rawLeaves)
      throws IOException {
    MemoryBlocks blocks = new MemoryBlocks();
    byte[] content = UnixFsWriterTest.pattern(size);
    FileLayout layout = new FileLayout(rawLeaves ? 1 : 0, rawLeaves, chunkSize, maxLinks);
    Cid root = UnixFsWriter.write(new ByteArrayInputStream(content), layout, blocks).cid();
    UnixFsReader reader = new UnixFsReader(blocks);
    try (InputStream in = reader.openFile(root)) {
      assertArrayEquals(content, in.readAllBytes());
    }
    assertEquals(size, reader.fileSize(root));
    assertFalse(reader.isDirectory(root));
  }

  @Test
  void singleByteReadsWork() throws IOException {
    MemoryBlocks blocks = new MemoryBlocks();
    byte[] content = UnixFsWriterTest.pattern(50);
    Cid root =
        UnixFsWriter.write(new ByteArrayInputStream(content), new FileLayout(1, true, 7, 2), blocks)
            .cid();
    try (InputStream in = new UnixFsReader(blocks).openFile(root)) {
      for (byte b : content) {
        assertEquals(b & 0xFF, in.read());
      }
      assertEquals(-1, in.read());
    }
  }

  @Test
  void directoriesListTheirEntries() {
    MemoryBlocks blocks = new MemoryBlocks();
    UnixFsWriter.WrittenFile a =
        UnixFsWriter.write(
            new ByteArrayInputStream(new byte[] {1, 2}),
            ImportProfile.UNIXFS_V1_2025.fileLayout(),
            blocks);
    UnixFsWriter.WrittenFile b =
        UnixFsWriter.write(
            new ByteArrayInputStream(new byte[3 << 20]),
            ImportProfile.UNIXFS_V1_2025.fileLayout(),
            blocks);
    Cid dir =
        UnixFsWriter.writeDirectory(
            List.of(b.entry("b"), a.entry("a")), ImportProfile.UNIXFS_V1_2025, blocks);
    UnixFsReader reader = new UnixFsReader(blocks);
    assertTrue(reader.isDirectory(dir));
    assertEquals(List.of(a.entry("a"), b.entry("b")), reader.listDirectory(dir));
    assertEquals(b.tsize(), UnixFsWriter.tsize(b.cid(), blocks));
    assertEquals(2, UnixFsWriter.tsize(a.cid(), blocks));
    QuarryException e = assertThrows(QuarryException.class, () -> reader.openFile(dir));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    e = assertThrows(QuarryException.class, () -> reader.listDirectory(a.cid()));
    assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
  }

  @Test
  void hamtShardedDirectoriesAreListed() {
    MemoryBlocks blocks = new MemoryBlocks();
    Cid file =
        UnixFsWriter.writeFile(
            new ByteArrayInputStream(new byte[] {1}), ImportProfile.UNIXFS_V1_2025, blocks);
    UnixFsData shardData =
        new UnixFsData(UnixFsData.Type.HAMT_SHARD, new byte[] {1}, null, List.of(), 0x22L, 256L);
    byte[] inner =
        DagPb.encode(new PbNode(List.of(new PbLink(file, "A1zeta", 1L)), shardData.encode()));
    Block innerBlock = Block.of(0x70, inner);
    blocks.put(innerBlock);
    byte[] outer =
        DagPb.encode(
            new PbNode(
                List.of(new PbLink(file, "0Falpha", 1L), new PbLink(innerBlock.cid(), "A1", 50L)),
                shardData.encode()));
    Block outerBlock = Block.of(0x70, outer);
    blocks.put(outerBlock);
    UnixFsReader reader = new UnixFsReader(blocks);
    assertTrue(reader.isDirectory(outerBlock.cid()));
    assertEquals(
        List.of("alpha", "zeta"),
        reader.listDirectory(outerBlock.cid()).stream().map(DirectoryEntry::name).toList());
  }

  @Test
  void brokenNodesAreNamed() {
    MemoryBlocks blocks = new MemoryBlocks();
    Block junk = Block.of(0x70, new byte[] {(byte) 0xff, 0x01});
    blocks.put(junk);
    QuarryException e =
        assertThrows(QuarryException.class, () -> new UnixFsReader(blocks).fileSize(junk.cid()));
    assertEquals(ErrorCode.CORRUPT_DATA, e.code());
    assertTrue(e.getMessage().contains(junk.cid().toString()), e.getMessage());
  }
}
