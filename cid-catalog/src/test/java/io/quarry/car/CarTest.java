package io.quarry.car;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.cid.Cid;
import io.quarry.cid.Varint;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.store.BlockStore;
import io.quarry.store.Store;
import io.quarry.unixfs.DirectoryEntry;
import io.quarry.unixfs.FileLayout;
import io.quarry.unixfs.ImportProfile;
import io.quarry.unixfs.UnixFsReader;
import io.quarry.unixfs.UnixFsWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CarTest {
  @TempDir Path dir;

  @Test
  void exportOfASingleBlockIsByteIdenticalToIpfsCar() throws IOException {
    byte[] ipfsCar = resource("hello-ipfs-car.car");
    try (Store store = Store.open(dir)) {
      List<Cid> roots = CarImporter.importCar(new ByteArrayInputStream(ipfsCar), store.blocks());
      Cid root = Cid.parse("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4");
      assertEquals(List.of(root), roots);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertEquals(ipfsCar.length, CarWriter.write(root, store.blocks(), out));
      assertArrayEquals(ipfsCar, out.toByteArray());
    }
  }

  @Test
  void folderPackedByIpfsCarImportsWithItsRoot() throws IOException {
    try (Store store = Store.open(dir)) {
      List<Cid> roots =
          CarImporter.importCar(
              new ByteArrayInputStream(resource("folder-ipfs-car.car")), store.blocks());
      Cid root = Cid.parse("bafybeiea2qbrbxkifysscewcizkb2vaxemteisbeemuayzh7b2iwsyvofy");
      assertEquals(List.of(root), roots);
      UnixFsReader reader = new UnixFsReader(store.blocks());
      List<DirectoryEntry> entries = reader.listDirectory(root);
      assertEquals(List.of("a.txt", "b"), entries.stream().map(DirectoryEntry::name).toList());
      try (InputStream in = reader.openFile(entries.get(0).cid())) {
        assertEquals("alpha\n", new String(in.readAllBytes()));
      }
      DirectoryEntry c = reader.listDirectory(entries.get(1).cid()).get(0);
      assertEquals("c.txt", c.name());
      // Rebuilding the same folder gives the same CIDs as ipfs-car.
      Cid rebuiltB =
          UnixFsWriter.writeDirectory(List.of(c), ImportProfile.UNIXFS_V1_2025, store.blocks());
      assertEquals(entries.get(1).cid(), rebuiltB);
      long tsizeB = UnixFsWriter.tsize(rebuiltB, store.blocks());
      assertEquals(entries.get(1).size(), tsizeB);
      Cid rebuilt =
          UnixFsWriter.writeDirectory(
              List.of(new DirectoryEntry("b", rebuiltB, tsizeB), entries.get(0)),
              ImportProfile.UNIXFS_V1_2025,
              store.blocks());
      assertEquals(root, rebuilt);
    }
  }

  @Test
  void roundTripsAMultiLevelFileInDagOrder() throws IOException {
    byte[] content = random(5000);
    try (Store source = Store.open(dir.resolve("a"));
        Store target = Store.open(dir.resolve("b"))) {
      Cid root =
          UnixFsWriter.write(
                  new ByteArrayInputStream(content),
                  new FileLayout(1, true, 100, 4),
                  source.blocks())
              .cid();
      byte[] car = export(root, source.blocks());
      List<Section> sections = sections(car);
      assertEquals(root, sections.get(0).cid);
      assertEquals(sections.size(), sections.stream().map(s -> s.cid).distinct().count());
      assertEquals(
          List.of(root), CarImporter.importCar(new ByteArrayInputStream(car), target.blocks()));
      try (InputStream in = new UnixFsReader(target.blocks()).openFile(root)) {
        assertArrayEquals(content, in.readAllBytes());
      }
    }
  }

  @Test
  void duplicateBlocksAreWrittenOnce() throws IOException {
    try (Store store = Store.open(dir)) {
      Cid root =
          UnixFsWriter.write(
                  new ByteArrayInputStream(new byte[1000]),
                  new FileLayout(1, true, 100, 4),
                  store.blocks())
              .cid();
      List<Section> sections = sections(export(root, store.blocks()));
      // 10 identical leaves: one leaf block, two inner nodes that differ, one root
      assertEquals(4, sections.size());
    }
  }

  @Test
  void truncatedCarIsRefusedAndNothingIsKept() throws IOException {
    byte[] car = sampleCar();
    List<Section> sections = sections(car);
    Section last = sections.get(sections.size() - 1);
    for (int cut :
        new int[] {
          0,
          5,
          (int) sections.get(0).offset + 1,
          (int) last.offset + 3,
          (int) last.offset + last.length - 1
        }) {
      byte[] truncated = Arrays.copyOf(car, cut);
      Path home = dir.resolve("cut" + cut);
      try (Store store = Store.open(home)) {
        QuarryException e =
            assertThrows(
                QuarryException.class,
                () -> CarImporter.importCar(new ByteArrayInputStream(truncated), store.blocks()));
        assertEquals(ErrorCode.MALFORMED_INPUT, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("byte offset"), e.getMessage());
        assertNothingKept(home);
      }
    }
    try (Store store = Store.open(dir.resolve("last"))) {
      byte[] truncated = Arrays.copyOf(car, (int) last.offset + last.length - 1);
      QuarryException e =
          assertThrows(
              QuarryException.class,
              () -> CarImporter.importCar(new ByteArrayInputStream(truncated), store.blocks()));
      assertTrue(e.getMessage().contains("byte offset " + last.offset), e.getMessage());
      assertTrue(e.getMessage().contains(last.cid.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("truncated section"), e.getMessage());
    }
  }

  @Test
  void mismatchingBlockIsRefusedWithCidAndOffset() throws IOException {
    byte[] car = sampleCar();
    Section victim = sections(car).get(2);
    car[(int) victim.offset + victim.length - 1] ^= 0x40;
    try (Store store = Store.open(dir)) {
      byte[] corrupt = car;
      QuarryException e =
          assertThrows(
              QuarryException.class,
              () -> CarImporter.importCar(new ByteArrayInputStream(corrupt), store.blocks()));
      assertEquals(ErrorCode.CORRUPT_DATA, e.code());
      assertTrue(e.getMessage().contains(victim.cid.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("byte offset " + victim.offset), e.getMessage());
      assertNothingKept(dir);
    }
  }

  @Test
  void carWithoutItsRootOrALinkedBlockIsRefused() throws IOException {
    byte[] car = sampleCar();
    List<Section> sections = sections(car);
    Section root = sections.get(0);
    byte[] withoutRoot = remove(car, root);
    try (Store store = Store.open(dir.resolve("noroot"))) {
      QuarryException e =
          assertThrows(
              QuarryException.class,
              () -> CarImporter.importCar(new ByteArrayInputStream(withoutRoot), store.blocks()));
      assertTrue(e.getMessage().contains("root block " + root.cid), e.getMessage());
      assertNothingKept(dir.resolve("noroot"));
    }
    Section leaf = sections.get(sections.size() - 1);
    byte[] withoutLeaf = remove(car, leaf);
    try (Store store = Store.open(dir.resolve("noleaf"))) {
      QuarryException e =
          assertThrows(
              QuarryException.class,
              () -> CarImporter.importCar(new ByteArrayInputStream(withoutLeaf), store.blocks()));
      assertTrue(e.getMessage().contains("block " + leaf.cid), e.getMessage());
      assertTrue(e.getMessage().contains("neither in the CAR nor in the store"), e.getMessage());
      assertNothingKept(dir.resolve("noleaf"));
    }
  }

  @Test
  void importInterruptedMidWayKeepsNothing() throws IOException {
    byte[] car = sampleCar();
    try (Store store = Store.open(dir)) {
      InputStream failing =
          new InputStream() {
            private int pos;

            @Override
            public int read() throws IOException {
              byte[] one = new byte[1];
              return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
              if (pos >= car.length / 2) {
                throw new IOException("network unreachable");
              }
              int n = Math.min(Math.min(len, 100), car.length / 2 - pos);
              System.arraycopy(car, pos, b, off, n);
              pos += n;
              return n;
            }
          };
      QuarryException e =
          assertThrows(QuarryException.class, () -> CarImporter.importCar(failing, store.blocks()));
      assertEquals(ErrorCode.IO_ERROR, e.code());
      assertTrue(e.getMessage().contains("network unreachable"), e.getMessage());
      assertTrue(e.getMessage().contains("byte offset"), e.getMessage());
      assertNothingKept(dir);
      assertEquals(List.of(), store.datasets().names());
    }
  }

  @Test
  void badHeadersAreRefused() throws IOException {
    assertBadHeader(new byte[0], "empty input");
    assertBadHeader(new byte[] {0x05, (byte) 0xa1, 0x61, 0x78}, "truncated header");
    assertBadHeader(new byte[] {0x03, (byte) 0xa1, 0x61, 0x78}, "truncated value");
    assertBadHeader(concat(new byte[] {0x01}, new byte[] {(byte) 0xff}), "bad header");
    byte[] version2 = {0x0a, (byte) 0xa1, 0x67, 'v', 'e', 'r', 's', 'i', 'o', 'n', 0x03};
    assertBadHeader(version2, "version is 3");
  }

  @Test
  void carV2PayloadIsImported() throws IOException {
    byte[] v1 = sampleCar();
    ByteBuffer header = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
    header.position(16);
    header.putLong(11 + 40 + 5); // data offset, after 5 bytes of padding
    header.putLong(v1.length);
    header.putLong(0);
    byte[] pragma = {0x0a, (byte) 0xa1, 0x67, 'v', 'e', 'r', 's', 'i', 'o', 'n', 0x02};
    byte[] v2 =
        concat(
            concat(concat(pragma, header.array()), new byte[5]),
            concat(v1, new byte[] {1, 2, 3})); // trailing bytes stand for an index
    try (Store store = Store.open(dir)) {
      assertEquals(
          sections(v1).get(0).cid,
          CarImporter.importCar(new ByteArrayInputStream(v2), store.blocks()).get(0));
    }
  }

  private void assertBadHeader(byte[] car, String reason) throws IOException {
    Path home = dir.resolve("h" + Arrays.hashCode(car));
    try (Store store = Store.open(home)) {
      QuarryException e =
          assertThrows(
              QuarryException.class,
              () -> CarImporter.importCar(new ByteArrayInputStream(car), store.blocks()));
      assertEquals(ErrorCode.MALFORMED_INPUT, e.code());
      assertTrue(e.getMessage().contains(reason), e.getMessage());
      assertTrue(e.getMessage().contains("byte offset 0"), e.getMessage());
      assertNothingKept(home);
    }
  }

  private byte[] sampleCar() throws IOException {
    try (Store store = Store.open(dir.resolve("sample-source"))) {
      Cid root =
          UnixFsWriter.write(
                  new ByteArrayInputStream(random(3000)),
                  new FileLayout(1, true, 256, 3),
                  store.blocks())
              .cid();
      return export(root, store.blocks());
    }
  }

  private static byte[] export(Cid root, BlockStore blocks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CarWriter.write(root, blocks, out);
    return out.toByteArray();
  }

  /** A section: its byte offset (of the length varint), total length and CID. */
  private record Section(long offset, int length, Cid cid) {}

  private static List<Section> sections(byte[] car) {
    Varint.Decoded h = Varint.decode(car, 0, car.length);
    int pos = h.length() + (int) h.value();
    List<Section> out = new ArrayList<>();
    while (pos < car.length) {
      Varint.Decoded len = Varint.decode(car, pos, car.length);
      Cid cid = Cid.decodePrefix(car, pos + len.length(), car.length);
      int total = len.length() + (int) len.value();
      out.add(new Section(pos, total, cid));
      pos += total;
    }
    return out;
  }

  private static byte[] remove(byte[] car, Section s) {
    byte[] out = new byte[car.length - s.length];
    System.arraycopy(car, 0, out, 0, (int) s.offset);
    System.arraycopy(
        car,
        (int) s.offset + s.length,
        out,
        (int) s.offset,
        car.length - (int) s.offset - s.length);
    return out;
  }

  private static void assertNothingKept(Path home) throws IOException {
    for (String sub : List.of("blocks", "tmp")) {
      Path d = home.resolve(sub);
      try (Stream<Path> walk = Files.walk(d)) {
        assertEquals(List.of(), walk.filter(Files::isRegularFile).toList(), sub);
      }
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] random(int size) {
    byte[] b = new byte[size];
    new Random(size).nextBytes(b);
    return b;
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = CarTest.class.getResourceAsStream("/car/" + name)) {
      return in.readAllBytes();
    }
  }
}
