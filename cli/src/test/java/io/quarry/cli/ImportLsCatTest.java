package io.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportLsCatTest {
  private static final String CSV =
      "id,city,amount,day\n"
          + "1,Berlin,12.50,2024-03-01\n"
          + "2,\"Portland, OR\",7.25,2024-03-02\n"
          + "3,Lagos,,2024-03-03\n";

  @TempDir Path dir;

  @Test
  void importThenLsThenCatRoundTrip() throws Exception {
    Path csv = Files.writeString(dir.resolve("cities.csv"), CSV);
    String home = dir.resolve("home").toString();

    Cli.Result imported = Cli.run("--home", home, "import", csv.toString(), "--name", "cities");
    assertEquals(0, imported.status(), imported::toString);
    List<String> out = imported.out().lines().toList();
    String root = out.get(out.size() - 1);
    assertTrue(root.startsWith("bafy"), imported::toString);
    assertTrue(imported.err().contains("3 rows"), imported::toString);

    Cli.Result ls = Cli.run("--home", home, "ls");
    assertEquals(0, ls.status(), ls::toString);
    String datasetLine = line(ls.out(), "cities");
    assertTrue(datasetLine.contains(root), ls::toString);
    assertEquals(List.of("cities", "1", root, "3", "1"), cells(datasetLine).subList(0, 5));

    Cli.Result lsName = Cli.run("--home", home, "ls", "cities");
    assertEquals(0, lsName.status(), lsName::toString);
    assertTrue(line(lsName.out(), root).startsWith("       1 |"), lsName::toString);
    List<String> shard = cells(line(lsName.out(), "part-00000.parquet"));
    String shardCid = shard.get(1);
    assertEquals("3", shard.get(2), lsName::toString);

    Cli.Result listing = Cli.run("--home", home, "cat", root);
    assertEquals(0, listing.status(), listing::toString);
    assertTrue(
        line(listing.out(), "part-00000.parquet").startsWith(" " + shardCid), listing::toString);
    String manifestCid = cells(line(listing.out(), "_manifest.json")).get(0);

    Cli.Result manifest = Cli.run("--home", home, "cat", manifestCid);
    assertEquals(0, manifest.status(), manifest::toString);
    assertTrue(manifest.out().contains("\"city\""), manifest::toString);

    Cli.Result parquet = Cli.run("--home", home, "cat", shardCid);
    assertEquals(0, parquet.status(), parquet::toString);
    byte[] bytes = parquet.outBytes();
    byte[] magic = "PAR1".getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(magic, Arrays.copyOfRange(bytes, 0, 4));
    assertArrayEquals(magic, Arrays.copyOfRange(bytes, bytes.length - 4, bytes.length));
    Cli.Result shardCidFromBytes = Cli.runWithStdin(bytes, "cid", "-");
    assertEquals(shardCid + "\n", shardCidFromBytes.out(), "cat returns exactly the stored bytes");
  }

  @Test
  void replicasWithoutConnectIsRefusedBeforeImporting() throws Exception {
    Path csv = Files.writeString(dir.resolve("cities.csv"), CSV);
    String home = dir.resolve("home").toString();

    Cli.Result refused =
        Cli.run("--home", home, "import", csv.toString(), "--name", "cities", "--replicas", "2");
    assertNotEquals(0, refused.status(), refused::toString);
    assertTrue(refused.err().contains("--replicas 2 needs --connect HOST:PORT"), refused::toString);
    assertEquals("", refused.out(), refused::toString);

    Cli.Result ls = Cli.run("--home", home, "ls");
    assertFalse(ls.out().contains("cities"), ls::toString);
  }

  @Test
  void sameInputGivesTheSameRootAndAppendKeepsOldShards() throws Exception {
    Path csv = Files.writeString(dir.resolve("cities.csv"), CSV);
    String homeA = dir.resolve("a").toString();
    String homeB = dir.resolve("b").toString();
    String rootA = lastLine(Cli.run("--home", homeA, "import", csv.toString(), "--name", "c"));
    String rootB = lastLine(Cli.run("--home", homeB, "import", csv.toString(), "--name", "c"));
    assertEquals(rootA, rootB);

    Cli.Result again = Cli.run("--home", homeA, "import", csv.toString(), "--name", "c");
    assertEquals(1, again.status(), "a second import needs --append: " + again);
    assertTrue(again.err().contains("--append"), again::toString);

    String firstShard = shardCid(homeA, "c", "part-00000.parquet");
    Cli.Result appended =
        Cli.run("--home", homeA, "import", csv.toString(), "--name", "c", "--append");
    assertEquals(0, appended.status(), appended::toString);
    Cli.Result ls = Cli.run("--home", homeA, "ls", "c");
    assertTrue(line(ls.out(), lastLine(appended)).startsWith("       2 |"), ls::toString);
    assertEquals(firstShard, shardCid(homeA, "c", "part-00000.parquet"));
    assertTrue(ls.out().contains("part-00001.parquet"), ls::toString);
  }

  @Test
  void typeOverridesAndShardRowsReachTheImporter() throws Exception {
    Path csv = Files.writeString(dir.resolve("cities.csv"), CSV);
    String home = dir.resolve("home").toString();
    Cli.Result imported =
        Cli.run(
            "--home",
            home,
            "import",
            csv.toString(),
            "--name",
            "c",
            "--shard-rows",
            "2",
            "--type",
            "id=INT,amount=DECIMAL(10,3)");
    assertEquals(0, imported.status(), imported::toString);
    Cli.Result ls = Cli.run("--home", home, "ls", "c");
    assertTrue(ls.out().contains("id INT"), ls::toString);
    assertTrue(ls.out().contains("amount DECIMAL(10, 3)"), ls::toString);
    assertTrue(ls.out().contains("part-00001.parquet"), "two shards of at most 2 rows: " + ls);

    Cli.Result bad =
        Cli.run("--home", home, "import", csv.toString(), "--name", "d", "--type", "amount=MONEY");
    assertEquals(1, bad.status(), bad::toString);
    assertTrue(bad.err().contains("MONEY"), bad::toString);
  }

  private static String shardCid(String home, String dataset, String shard) {
    return cells(line(Cli.run("--home", home, "ls", dataset).out(), shard)).get(1);
  }

  private static String lastLine(Cli.Result result) {
    assertEquals(0, result.status(), result::toString);
    List<String> lines = result.out().lines().toList();
    return lines.get(lines.size() - 1);
  }

  private static String line(String text, String containing) {
    return text.lines()
        .filter(l -> l.contains(containing))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line with " + containing + " in\n" + text));
  }

  private static List<String> cells(String line) {
    return Arrays.stream(line.split("\\|")).map(String::strip).toList();
  }
}
