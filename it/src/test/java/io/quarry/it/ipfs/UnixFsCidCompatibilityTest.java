package io.quarry.it.ipfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarry.cid.Cid;
import io.quarry.store.BlockSink;
import io.quarry.unixfs.FileLayout;
import io.quarry.unixfs.ImportProfile;
import io.quarry.unixfs.UnixFsWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Root CIDs of both import profiles against the JavaScript tools: the real ipfs-car command line
 * for unixfs-v1-2025, and ipfs-unixfs-importer with ipfs add settings for kubo-v0. Tree shapes at
 * every link boundary are checked with small chunks and few links per node, where the same encoders
 * reach three and four levels with small inputs.
 */
class UnixFsCidCompatibilityTest {
  private static final int MIB = 1 << 20;
  private static final int KIB_256 = 256 << 10;

  @TempDir Path dir;

  @BeforeEach
  void tools() {
    NpmTools.require();
  }

  @Test
  void unixfsV1MatchesIpfsCarPackAroundTheChunkBoundary() throws IOException {
    long[] sizes = {0, 1, 12, MIB - 1, MIB, MIB + 1, 2L * MIB, 3L * MIB + 5};
    for (long size : sizes) {
      Path file = TestData.file(dir, "f" + size + ".bin", size, size);
      Path car = dir.resolve("f" + size + ".car");
      String packed =
          NpmTools.lastLine(
              NpmTools.ipfsCar(dir, "pack", file.toString(), "--no-wrap", "-o", car.toString())
                  .stdout());
      String roots = NpmTools.lastLine(NpmTools.ipfsCar(dir, "roots", car.toString()).stdout());
      assertEquals(packed, roots, "ipfs-car pack and roots disagree for " + size + " bytes");
      assertEquals(
          packed,
          ours(file, ImportProfile.UNIXFS_V1_2025).toString(),
          "unixfs-v1-2025 root of " + size + " bytes");
    }
  }

  @Test
  void unixfsV1MatchesIpfsCarAroundTheFirstLinkBoundary() throws IOException {
    // 1024 chunks fill one node; one byte more needs a second level.
    for (long size : new long[] {1024L * MIB, 1024L * MIB + 1}) {
      String theirs =
          NpmTools.ipfsCarPackStdin(
              stdin -> {
                OutputStream out = new BufferedOutputStream(stdin, MIB);
                TestData.copy(size, 42, out);
                out.flush();
              });
      Cid mine;
      try (InputStream in = TestData.stream(size, 42)) {
        mine = UnixFsWriter.writeFile(in, ImportProfile.UNIXFS_V1_2025, BlockSink.DISCARD);
      }
      assertEquals(theirs, mine.toString(), "unixfs-v1-2025 root of " + size + " bytes");
    }
  }

  @Test
  void rawLeafTreesMatchIpfsCarAtEveryLinkBoundary() throws IOException {
    compareSmallTrees("ipfs-car", new FileLayout(1, true, 256, 4));
  }

  @Test
  void dagPbLeafTreesMatchTheImporterAtEveryLinkBoundary() throws IOException {
    compareSmallTrees("kubo", new FileLayout(0, false, 256, 4));
  }

  @Test
  void kuboV0MatchesTheImporterWithIpfsAddSettings() throws IOException {
    long[] sizes = {0, 1, KIB_256 - 1, KIB_256, KIB_256 + 1, 174L * KIB_256, 174L * KIB_256 + 1};
    List<Path> files = new ArrayList<>();
    Path hello = dir.resolve("hello.txt");
    Files.writeString(hello, "hello world\n");
    files.add(hello);
    for (long size : sizes) {
      files.add(TestData.file(dir, "k" + size + ".bin", size, size + 7));
    }
    List<String> theirs = NpmTools.referenceCids("kubo", KIB_256, 174, files);
    assertEquals(
        "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o",
        theirs.get(0),
        "the importer settings must reproduce ipfs add");
    for (int i = 0; i < files.size(); i++) {
      assertEquals(
          theirs.get(i),
          ours(files.get(i), ImportProfile.KUBO_V0).toString(),
          "kubo-v0 root of " + files.get(i).getFileName());
    }
  }

  /** Sizes just around n chunks for n = 1, links, links^2, links^3 (one, two, three levels). */
  private void compareSmallTrees(String engine, FileLayout layout) throws IOException {
    long chunk = layout.chunkSize();
    long links = layout.maxLinks();
    Set<Long> sizes = new LinkedHashSet<>(List.of(0L, 1L));
    for (long leaves :
        new long[] {
          1,
          2,
          links,
          links + 1,
          links * links,
          links * links + 1,
          links * links * links,
          links * links * links + 1,
          2 * links * links * links + 3
        }) {
      sizes.add(leaves * chunk - 1);
      sizes.add(leaves * chunk);
      sizes.add(leaves * chunk + 1);
    }
    List<Path> files = new ArrayList<>();
    for (long size : sizes) {
      files.add(TestData.file(dir, engine + size + ".bin", size, size));
    }
    List<String> theirs =
        NpmTools.referenceCids(engine, layout.chunkSize(), layout.maxLinks(), files);
    for (int i = 0; i < files.size(); i++) {
      try (InputStream in = Files.newInputStream(files.get(i))) {
        assertEquals(
            theirs.get(i),
            UnixFsWriter.write(in, layout, BlockSink.DISCARD).cid().toString(),
            engine + " root of " + files.get(i).getFileName());
      }
    }
  }

  private static Cid ours(Path file, ImportProfile profile) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return UnixFsWriter.writeFile(in, profile, BlockSink.DISCARD);
    }
  }
}
