package io.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.cid.Cid;
import io.quarry.store.Store;
import io.quarry.unixfs.ImportProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CarRoundTripTest {
  @TempDir Path dir;

  @Test
  void exportedCarImportsIntoAnotherStoreWithTheSameRootAndBytes() throws Exception {
    byte[] content = new byte[3 * 1024 * 1024 + 17];
    new Random(7).nextBytes(content);
    Path file = Files.write(dir.resolve("data.bin"), content);
    Path homeA = dir.resolve("a");
    Path homeB = dir.resolve("b");
    Cid root;
    try (Store store = Store.open(homeA)) {
      root = store.addFile(file, ImportProfile.UNIXFS_V1_2025);
    }
    Cli.Result cid = Cli.run("cid", file.toString());
    assertEquals(root + "\n", cid.out(), "quarry cid agrees with the stored root");

    Path car = dir.resolve("out/data.car");
    Cli.Result export =
        Cli.run("car", "export", root.toString(), "-o", car.toString(), "--home", homeA.toString());
    assertEquals(0, export.status(), export::toString);
    assertTrue(Files.size(car) > content.length, "the CAR holds every block");
    try (var entries = Files.list(car.getParent())) {
      assertEquals(List.of(car), entries.toList(), "no temporary file is left behind");
    }

    Cli.Result imported = Cli.run("--home", homeB.toString(), "car", "import", car.toString());
    assertEquals(0, imported.status(), imported::toString);
    List<String> lines = imported.out().lines().toList();
    assertEquals(root.toString(), lines.get(lines.size() - 1), "the root CID is the last line");

    Cli.Result cat = Cli.run("--home", homeB.toString(), "cat", root.toString());
    assertEquals(0, cat.status(), cat::toString);
    assertArrayEquals(content, cat.outBytes());
  }

  @Test
  void truncatedCarIsRefusedAndNothingIsKept() throws Exception {
    byte[] content = new byte[2 * 1024 * 1024];
    new Random(8).nextBytes(content);
    Path file = Files.write(dir.resolve("data.bin"), content);
    Path homeA = dir.resolve("a");
    Path homeB = dir.resolve("b");
    Cid root;
    try (Store store = Store.open(homeA)) {
      root = store.addFile(file, ImportProfile.UNIXFS_V1_2025);
    }
    Path car = dir.resolve("data.car");
    assertEquals(
        0,
        Cli.run("--home", homeA.toString(), "car", "export", root.toString(), "-o", car.toString())
            .status());
    byte[] bytes = Files.readAllBytes(car);
    Path truncated =
        Files.write(dir.resolve("truncated.car"), Arrays.copyOf(bytes, bytes.length - 1000));

    Cli.Result result = Cli.run("--home", homeB.toString(), "car", "import", truncated.toString());
    assertEquals(1, result.status(), result::toString);
    assertTrue(result.err().startsWith("error: "), result::toString);
    assertEquals(1, result.err().lines().count(), result::toString);
    assertEquals("", result.out());
    Cli.Result cat = Cli.run("--home", homeB.toString(), "cat", root.toString());
    assertEquals(1, cat.status(), "no block of the refused CAR was kept: " + cat);
  }

  @Test
  void carImportCanNameTheRootAsADatasetVersion() throws Exception {
    Path file = Files.writeString(dir.resolve("note.txt"), "not a table, still a DAG\n");
    Path homeA = dir.resolve("a");
    Cid root;
    try (Store store = Store.open(homeA)) {
      root = store.addFile(file, ImportProfile.UNIXFS_V1_2025);
    }
    Path car = dir.resolve("note.car");
    assertEquals(
        0,
        Cli.run("--home", homeA.toString(), "car", "export", root.toString(), "-o", car.toString())
            .status());
    Path homeB = dir.resolve("b");
    Cli.Result imported =
        Cli.run("--home", homeB.toString(), "car", "import", car.toString(), "--name", "notes");
    assertEquals(0, imported.status(), imported::toString);
    try (Store store = Store.open(homeB)) {
      assertEquals(root, store.datasets().latest("notes").orElseThrow().root());
    }
  }
}
