package io.quarry.unixfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.cid.Cid;
import io.quarry.cid.Multicodec;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.store.Block;
import io.quarry.store.BlockSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UnixFsWriterTest {
  /**
   * Root CIDs computed by the JavaScript reference implementations for content byte i = i * 31 + 7
   * with 4-byte chunks and at most 3 links per node, so that small inputs exercise trees of up to
   * five levels: ipfs-car 3.1's encoder (@ipld/unixfs, raw leaves, CIDv1) and ipfs-unixfs-importer
   * 17 with ipfs add settings (CIDv0, dag-pb leaves). Produced by
   * it/src/test/resources/ipfs/unixfs-cids.mjs; the it module checks the same against freshly
   * installed packages.
   */
  private static final String[][] REFERENCE = {
    {
      "0",
      "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku",
      "QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH"
    },
    {
      "1",
      "bafkreigkgwdvr5wspzwpiutssn4xpj2i7wedshnwphhnu7ohx4pqaxxipe",
      "QmXC9WjuLo7EfydBdbWyvpGif62nrxbDCX2vcz9ZqLTQvV"
    },
    {
      "3",
      "bafkreideoz2kffqzorbpkgf4zizd5rqf3wgqtcznj4ro4h643uv3ou5bre",
      "QmWLyxPPTWWwDjTZP2kp917AhjKPhco11LCqsjeEp3wuiF"
    },
    {
      "4",
      "bafkreifzth3zyu2kgmw7xge2w6gnupizm7awcm6kdvtiz5rhg74no2ewf4",
      "QmdqkavD4Ag8nqvunqUUUr6S38US6MTGbSKK148EpNHv7P"
    },
    {
      "5",
      "bafybeiechalmngjaju55flgititc6ekalazwhraqiobxigu5mq54klgnkm",
      "Qmbz4c7f4TnpXmtvi2fEFDUK9sznYLBv61AiWWcwjuXrBd"
    },
    {
      "8",
      "bafybeiax7ecuewx23z5zue74hesvukbqahgeimmpmsrbvvdsilbpwqrolm",
      "Qmbb9rx51D6aKqbG23h7BJeubbhjDcfvHgpsjeuBWi7nTa"
    },
    {
      "12",
      "bafybeifxiahavtf4y6tsriazdfeu5j4fob77unvfimvzxcpxnnh73i7xy4",
      "Qmb1hbPhDjF44RJKG8epk5GrxFcmFNfU7Db95Eivz8rPXn"
    },
    {
      "13",
      "bafybeiafqwunma5xftvjr6i6pyt5f7vcjz5uqwzc76uo3663yg3zhrbcgy",
      "QmY6DCsibHY4FLaTQ5kbjDv3nkqHRLHAprCCLJej1oiUp6"
    },
    {
      "36",
      "bafybeibp7p42sm2ad52o3okqpqti724sjsyzjgl67qi74yf32lhrourpfe",
      "QmQmcF2aAX22s6E1m2LdkHGEjUf2ZfYCJLPAsdj6BaUKTw"
    },
    {
      "37",
      "bafybeif5uphlodwn5i64ls4yaacpv74mzarn7ydit4jqj7xrx6wo7pgcm4",
      "Qmej4qM7CrRk623x8U1jHEYEZ8ksDJJk7K5DdUrWWVHc9t"
    },
    {
      "40",
      "bafybeiacsfkbu7homvgjajegnhn2pesn7lawbs5bb6iuh3a3mkayb3m7im",
      "QmQK4p7Kg8Mye77iSTR2B6dYnqAdn7wCqWTGVV6UPWhSBE"
    },
    {
      "108",
      "bafybeiauoa5rb5whcgv4kyctaxx5q6emko3jxuiqgcesdxiwswlot4qaiy",
      "Qmad8R5L1eCPHF2SHHr9K8UHDyAd3eA4ika2QnM5Z6nMf5"
    },
    {
      "109",
      "bafybeihqlcwskix2vx63juq4h3ceueoy7pb2c7k566prxuuwtc7zgkmvnu",
      "QmaaA9QE1C7Hhy7c9noy6pK4k7Sv4xSSRAfW6xdXVawmwo"
    },
    {
      "112",
      "bafybeifb7aruovqt3njjf3uqrhshngkpvaxga5ofjwubakrhuw3ge7fvom",
      "QmTdMkSyLyKfuuwNk6CjvHbFX1WhHiW2G5QNHNWFsMfeRg"
    },
    {
      "113",
      "bafybeib73em3bnbto7iauxippmgf5g3bvbzikaqjdxnugkg2ponai2j6tm",
      "QmSq5C14xQsc9WQrBGTVZCoFkbNVG84QNUYB2Czfeo7BzJ"
    },
    {
      "300",
      "bafybeia7mul7spqqu4nmjhx7bs7ahy6z4cqqxvqzdhm2ymvphj47dtqa74",
      "QmdmQRXUNsqPmkWPwd4CUNyVAFwEd1KpFkuEk1KUSBBDeR"
    },
  };

  static Stream<Arguments> reference() {
    return Stream.of(REFERENCE).map(r -> Arguments.of(Integer.parseInt(r[0]), r[1], r[2]));
  }

  @ParameterizedTest(name = "{0} bytes")
  @MethodSource("reference")
  void smallTreesMatchTheReferenceImplementations(int size, String ipfsCar, String kubo) {
    byte[] content = pattern(size);
    assertEquals(ipfsCar, write(content, new FileLayout(1, true, 4, 3)).cid().toString());
    assertEquals(kubo, write(content, new FileLayout(0, false, 4, 3)).cid().toString());
  }

  @Test
  void helloWorldInBothProfiles() {
    byte[] hello = "hello world\n".getBytes(StandardCharsets.UTF_8);
    assertEquals(
        "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o",
        UnixFsWriter.writeFile(
                new ByteArrayInputStream(hello), ImportProfile.KUBO_V0, BlockSink.DISCARD)
            .toString());
    assertEquals(
        "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4",
        UnixFsWriter.writeFile(
                new ByteArrayInputStream(hello), ImportProfile.UNIXFS_V1_2025, BlockSink.DISCARD)
            .toString());
    byte[] noNewline = "hello world".getBytes(StandardCharsets.UTF_8);
    assertEquals(
        "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e",
        UnixFsWriter.writeFile(
                new ByteArrayInputStream(noNewline),
                ImportProfile.UNIXFS_V1_2025,
                BlockSink.DISCARD)
            .toString());
  }

  @Test
  void emptyFileIsAnEmptyRawBlockOrAnEmptyKuboLeaf() {
    List<Block> blocks = new ArrayList<>();
    Cid cid =
        UnixFsWriter.writeFile(
            new ByteArrayInputStream(new byte[0]), ImportProfile.UNIXFS_V1_2025, blocks::add);
    assertEquals("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku", cid.toString());
    assertEquals(1, blocks.size());
    assertEquals(0, blocks.get(0).data().length);
    assertEquals(
        "QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH",
        UnixFsWriter.writeFile(
                new ByteArrayInputStream(new byte[0]), ImportProfile.KUBO_V0, BlockSink.DISCARD)
            .toString());
  }

  @Test
  void oneChunkIsARawBlockAndTwoChunksAreADagPbRoot() {
    byte[] oneChunk = pattern(1 << 20);
    Cid one =
        UnixFsWriter.writeFile(
            new ByteArrayInputStream(oneChunk), ImportProfile.UNIXFS_V1_2025, BlockSink.DISCARD);
    assertEquals(Multicodec.RAW, one.codec());
    assertTrue(one.toString().startsWith("bafk"), one.toString());
    List<Block> blocks = new ArrayList<>();
    UnixFsWriter.WrittenFile two =
        UnixFsWriter.write(
            new ByteArrayInputStream(pattern((1 << 20) + 1)),
            ImportProfile.UNIXFS_V1_2025.fileLayout(),
            blocks::add);
    assertEquals(Multicodec.DAG_PB, two.cid().codec());
    assertEquals(3, blocks.size());
    assertEquals(two.cid(), blocks.get(2).cid());
    PbNode root = DagPb.decode(blocks.get(2).data());
    assertEquals(2, root.links().size());
    UnixFsData data = UnixFsData.decode(root.data());
    assertEquals(UnixFsData.Type.FILE, data.type());
    assertEquals((1L << 20) + 1, data.filesize());
    assertEquals(List.of(1L << 20, 1L), data.blocksizes());
    assertEquals((1L << 20) + 1 + blocks.get(2).data().length, two.tsize());
    assertEquals((1L << 20) + 1, two.size());
  }

  @Test
  void fullNodeOfMaxLinksStaysOneLevelAndOneMoreLeafAddsALevel() {
    FileLayout layout = new FileLayout(1, true, 1, 4);
    List<Block> blocks = new ArrayList<>();
    Cid four = UnixFsWriter.write(new ByteArrayInputStream(pattern(4)), layout, blocks::add).cid();
    assertEquals(5, blocks.size());
    assertEquals(4, DagPb.decode(blocks.get(4).data()).links().size());
    blocks.clear();
    Cid five = UnixFsWriter.write(new ByteArrayInputStream(pattern(5)), layout, blocks::add).cid();
    // leaves 1-4 under one node, leaf 5 under its own single-child node, both under the root
    PbNode root = DagPb.decode(blocks.get(blocks.size() - 1).data());
    assertEquals(five, blocks.get(blocks.size() - 1).cid());
    assertEquals(2, root.links().size());
    assertEquals(four, root.links().get(0).hash());
    PbNode second = DagPb.decode(blocks.get(blocks.size() - 2).data());
    assertEquals(1, second.links().size());
  }

  @Test
  void writerReadsTheInputOnceInChunks() {
    int[] maxRequested = {0};
    InputStream in =
        new InputStream() {
          private int left = 3 * (1 << 20) + 17;

          @Override
          public int read() {
            throw new AssertionError("single-byte reads are too slow for imports");
          }

          @Override
          public int read(byte[] b, int off, int len) {
            maxRequested[0] = Math.max(maxRequested[0], len);
            if (left == 0) {
              return -1;
            }
            int n = Math.min(len, Math.min(left, 65536));
            left -= n;
            return n;
          }
        };
    UnixFsWriter.WrittenFile f =
        UnixFsWriter.write(in, ImportProfile.UNIXFS_V1_2025.fileLayout(), BlockSink.DISCARD);
    assertEquals(3 * (1 << 20) + 17, f.size());
    assertTrue(maxRequested[0] <= 1 << 20);
  }

  @Test
  void readFailureIsAnIoError() {
    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("disk on fire");
          }
        };
    QuarryException e =
        assertThrows(
            QuarryException.class,
            () -> UnixFsWriter.writeFile(failing, ImportProfile.UNIXFS_V1_2025, BlockSink.DISCARD));
    assertEquals(ErrorCode.IO_ERROR, e.code());
    assertTrue(e.getMessage().contains("disk on fire"), e.getMessage());
  }

  @Test
  void directoriesSortLinksByNameBytes() {
    List<Block> blocks = new ArrayList<>();
    Cid a = Cid.parse("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4");
    Cid b = Cid.parse("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");
    Cid dir =
        UnixFsWriter.writeDirectory(
            List.of(
                new DirectoryEntry("b.txt", b, 0),
                new DirectoryEntry("B.txt", a, 12),
                new DirectoryEntry("a.txt", a, 12),
                new DirectoryEntry("\u00e9", b, 0)),
            ImportProfile.UNIXFS_V1_2025,
            blocks::add);
    assertEquals(1, blocks.size());
    assertEquals(dir, blocks.get(0).cid());
    assertTrue(dir.toString().startsWith("bafybei"));
    PbNode node = DagPb.decode(blocks.get(0).data());
    assertEquals(
        List.of("B.txt", "a.txt", "b.txt", "\u00e9"),
        node.links().stream().map(PbLink::name).toList());
    assertEquals(12L, node.links().get(0).tsize());
    assertArrayEquals(new byte[] {0x08, 0x01}, node.data());
    assertEquals(UnixFsData.Type.DIRECTORY, UnixFsData.decode(node.data()).type());
  }

  @Test
  void emptyDirectoryHasTheWellKnownCid() {
    assertEquals(
        "QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn",
        UnixFsWriter.writeDirectory(List.of(), ImportProfile.KUBO_V0, BlockSink.DISCARD)
            .toString());
    assertEquals(
        "bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354",
        UnixFsWriter.writeDirectory(List.of(), ImportProfile.UNIXFS_V1_2025, BlockSink.DISCARD)
            .toString());
  }

  @Test
  void duplicateNamesAreRejected() {
    Cid a = Cid.parse("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4");
    QuarryException e =
        assertThrows(
            QuarryException.class,
            () ->
                UnixFsWriter.writeDirectory(
                    List.of(new DirectoryEntry("x", a, 1), new DirectoryEntry("x", a, 1)),
                    ImportProfile.UNIXFS_V1_2025,
                    BlockSink.DISCARD));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertTrue(e.getMessage().contains("'x'"));
  }

  @Test
  void largeDirectoriesAreShardedLikeIpfsCar() {
    List<DirectoryEntry> entries = new ArrayList<>();
    for (int i = 0; i < 1100; i++) {
      byte[] content = ("row " + i + "\n").getBytes(StandardCharsets.UTF_8);
      Cid cid =
          UnixFsWriter.writeFile(
              new ByteArrayInputStream(content), ImportProfile.UNIXFS_V1_2025, BlockSink.DISCARD);
      entries.add(new DirectoryEntry("row-" + i + ".txt", cid, content.length));
    }
    List<Block> blocks = new ArrayList<>();
    Cid root = UnixFsWriter.writeDirectory(entries, ImportProfile.UNIXFS_V1_2025, blocks::add);
    // ipfs-car 3.1: pack of a folder with these 1100 files
    assertEquals("bafybeidpjwxdv543n7irh3cge2f2ahipfezzowdsr4er6hnfwsb45sqyiy", root.toString());
    assertEquals(root, blocks.get(blocks.size() - 1).cid());
    UnixFsData data = UnixFsData.decode(DagPb.decode(blocks.get(blocks.size() - 1).data()).data());
    assertEquals(UnixFsData.Type.HAMT_SHARD, data.type());
    assertEquals(256L, data.fanout());
    assertEquals(0x22L, data.hashType());
    java.util.Collections.reverse(entries);
    assertEquals(
        root,
        UnixFsWriter.writeDirectory(entries, ImportProfile.UNIXFS_V1_2025, BlockSink.DISCARD));
  }

  @Test
  void directoriesKuboWouldShardAreRefused() {
    Cid a = Cid.parse("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o");
    List<DirectoryEntry> entries = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      entries.add(new DirectoryEntry("part-" + i + "-with-a-long-name.parquet", a, 20));
    }
    QuarryException e =
        assertThrows(
            QuarryException.class,
            () -> UnixFsWriter.writeDirectory(entries, ImportProfile.KUBO_V0, BlockSink.DISCARD));
    assertEquals(ErrorCode.UNSUPPORTED, e.code());
    assertTrue(e.getMessage().contains("5000 entries"), e.getMessage());
    UnixFsWriter.writeDirectory(entries.subList(0, 1000), ImportProfile.KUBO_V0, BlockSink.DISCARD);
  }

  @Test
  void murmur3MatchesTheJavaScriptHasher() {
    assertEquals(0L, Murmur3.x64_64(new byte[0]));
    assertEquals(0xcbd8a7b341bd9b02L, Murmur3.x64_64("hello".getBytes(StandardCharsets.UTF_8)));
    assertEquals(0x3321848e45afe2a6L, Murmur3.x64_64("row-1.txt".getBytes(StandardCharsets.UTF_8)));
    assertEquals(
        0xbef3b142c787e5adL,
        Murmur3.x64_64("a-much-longer-key-that-spans-blocks".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void badEntryNamesAreRejected() {
    Cid a = Cid.parse("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4");
    for (String name : List.of("", "a/b", ".", "..")) {
      QuarryException e = assertThrows(QuarryException.class, () -> new DirectoryEntry(name, a, 0));
      assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    }
  }

  @Test
  void profilesParseByTheirIds() {
    assertEquals(ImportProfile.KUBO_V0, ImportProfile.parse("kubo-v0"));
    assertEquals(ImportProfile.UNIXFS_V1_2025, ImportProfile.parse("UNIXFS-V1-2025"));
    QuarryException e = assertThrows(QuarryException.class, () -> ImportProfile.parse("unixfs-v2"));
    assertTrue(e.getMessage().contains("'unixfs-v2'"));
  }

  static byte[] pattern(int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (i * 31 + 7);
    }
    return b;
  }

  private static UnixFsWriter.WrittenFile write(byte[] content, FileLayout layout) {
    return UnixFsWriter.write(new ByteArrayInputStream(content), layout, BlockSink.DISCARD);
  }
}
