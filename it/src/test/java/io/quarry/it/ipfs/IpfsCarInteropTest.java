package io.quarry.it.ipfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarry.car.CarImporter;
import io.quarry.car.CarWriter;
import io.quarry.cid.Cid;
import io.quarry.store.Store;
import io.quarry.unixfs.DirectoryEntry;
import io.quarry.unixfs.ImportProfile;
import io.quarry.unixfs.UnixFsReader;
import io.quarry.unixfs.UnixFsWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CARs travel both ways between Quarry and ipfs-car. */
class IpfsCarInteropTest {
  @TempDir Path dir;

  @BeforeEach
  void tools() {
    NpmTools.require();
  }

  @Test
  void folderPackedByIpfsCarImportsWithTheSameRoot() throws IOException {
    Path folder = sampleFolder(dir.resolve("folder"));
    Path car = dir.resolve("folder.car");
    String packed =
        NpmTools.lastLine(
            NpmTools.ipfsCar(dir, "pack", folder.toString(), "-o", car.toString()).stdout());
    try (Store store = Store.open(dir.resolve("home"))) {
      List<Cid> roots;
      try (InputStream in = Files.newInputStream(car)) {
        roots = CarImporter.importCar(in, store.blocks());
      }
      assertEquals(List.of(Cid.parse(packed)), roots);
      UnixFsReader reader = new UnixFsReader(store.blocks());
      assertEquals(readTree(folder), readTree(reader, roots.get(0)));
      // Our own import of the same folder names it the same way.
      assertEquals(packed, writeTree(folder, store).cid().toString());
    }
  }

  @Test
  void shardedFolderPackedByIpfsCarImportsAndIsWrittenAlike() throws IOException {
    // ipfs-car writes a HAMT-sharded directory above 1000 entries; nest one to check its Tsize.
    Path folder = dir.resolve("outer");
    Path many = folder.resolve("many");
    Files.createDirectories(many);
    for (int i = 0; i < 1500; i++) {
      Files.writeString(many.resolve("row-" + i + ".txt"), "row " + i + "\n");
    }
    Files.writeString(folder.resolve("readme.txt"), "1500 rows\n");
    Path car = dir.resolve("outer.car");
    String packed =
        NpmTools.lastLine(
            NpmTools.ipfsCar(dir, "pack", folder.toString(), "-o", car.toString()).stdout());
    try (Store store = Store.open(dir.resolve("home"))) {
      List<Cid> roots;
      try (InputStream in = Files.newInputStream(car)) {
        roots = CarImporter.importCar(in, store.blocks());
      }
      assertEquals(List.of(Cid.parse(packed)), roots);
      UnixFsReader reader = new UnixFsReader(store.blocks());
      assertEquals(readTree(folder), readTree(reader, roots.get(0)));
      assertEquals(packed, writeTree(folder, store).cid().toString());
    }
  }

  @Test
  void ourFileExportUnpacksByteIdentical() throws IOException {
    Path file = TestData.file(dir, "data.bin", 3L * (1 << 20) + 7, 11);
    try (Store store = Store.open(dir.resolve("home"))) {
      Cid root = store.addFile(file, ImportProfile.UNIXFS_V1_2025);
      Path car = dir.resolve("data.car");
      try (OutputStream out = Files.newOutputStream(car)) {
        CarWriter.write(root, store.blocks(), out);
      }
      assertEquals(
          root.toString(),
          NpmTools.lastLine(NpmTools.ipfsCar(dir, "roots", car.toString()).stdout()));
      Path unpacked = dir.resolve("unpacked.bin");
      NpmTools.ipfsCar(dir, "unpack", car.toString(), "-o", unpacked.toString());
      assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(unpacked));
    }
  }

  @Test
  void ourFolderExportUnpacksToTheSameTree() throws IOException {
    Path folder = sampleFolder(dir.resolve("folder"));
    try (Store store = Store.open(dir.resolve("home"))) {
      Cid root = writeTree(folder, store).cid();
      Path car = dir.resolve("folder.car");
      try (OutputStream out = Files.newOutputStream(car)) {
        CarWriter.write(root, store.blocks(), out);
      }
      Path unpacked = dir.resolve("unpacked");
      NpmTools.ipfsCar(dir, "unpack", car.toString(), "-o", unpacked.toString());
      assertEquals(readTree(folder), readTree(unpacked));
    }
  }

  @Test
  void kuboProfileExportUnpacks() throws IOException {
    Path file = TestData.file(dir, "kubo.bin", 700_000, 5);
    try (Store store = Store.open(dir.resolve("home"))) {
      Cid root = store.addFile(file, ImportProfile.KUBO_V0);
      Path car = dir.resolve("kubo.car");
      try (OutputStream out = Files.newOutputStream(car)) {
        CarWriter.write(root, store.blocks(), out);
      }
      Path unpacked = dir.resolve("kubo-unpacked.bin");
      NpmTools.ipfsCar(dir, "unpack", car.toString(), "-o", unpacked.toString());
      assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(unpacked));
    }
  }

  private static Path sampleFolder(Path folder) throws IOException {
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("a.txt"), "alpha\n");
    TestData.file(folder, "big.bin", 2L * (1 << 20) + 99, 3);
    TestData.file(folder, "nested/part-00000.parquet", 5000, 4);
    TestData.file(folder, "nested/deeper/empty.txt", 0, 5);
    TestData.file(folder, "Zeta.csv", 1 << 20, 6);
    return folder;
  }

  /** Imports a local folder with our writer, as ipfs-car would (entries in name order). */
  private static UnixFsWriter.WrittenFile writeTree(Path path, Store store) throws IOException {
    List<DirectoryEntry> entries = new ArrayList<>();
    try (Stream<Path> children = Files.list(path)) {
      for (Path child : children.toList()) {
        String name = child.getFileName().toString();
        if (Files.isDirectory(child)) {
          entries.add(writeTree(child, store).entry(name));
        } else {
          try (InputStream in = Files.newInputStream(child)) {
            entries.add(
                UnixFsWriter.write(in, ImportProfile.UNIXFS_V1_2025.fileLayout(), store.blocks())
                    .entry(name));
          }
        }
      }
    }
    return UnixFsWriter.writeDirectoryEntry(entries, ImportProfile.UNIXFS_V1_2025, store.blocks());
  }

  /** Relative path → content (hex-free: byte arrays compared through a string of their hash). */
  private static Map<String, String> readTree(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(p).toString(), digest(Files.readAllBytes(p)));
      }
    }
    return out;
  }

  private static Map<String, String> readTree(UnixFsReader reader, Cid root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    collect(reader, root, "", out);
    return out;
  }

  private static void collect(UnixFsReader reader, Cid dir, String prefix, Map<String, String> out)
      throws IOException {
    for (DirectoryEntry e : reader.listDirectory(dir)) {
      if (reader.isDirectory(e.cid())) {
        collect(reader, e.cid(), prefix + e.name() + "/", out);
      } else {
        try (InputStream in = reader.openFile(e.cid())) {
          out.put(prefix + e.name(), digest(in.readAllBytes()));
        }
      }
    }
  }

  private static String digest(byte[] bytes) {
    return bytes.length + ":" + io.quarry.cid.Multihash.sha256(bytes);
  }
}
