package io.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @TempDir Path dir;

  @Test
  void importsTheSampleOnceAndRunsEveryQuery() {
    String home = dir.resolve("home").toString();
    Cli.Result first = Cli.run("--home", home, "demo");
    assertEquals(0, first.status(), first::toString);
    assertEquals("", first.err(), first::toString);
    String tripsRoot = root(first.out(), "trips");
    assertTrue(first.out().contains("(imported 5000 rows as version 1)"), first::toString);
    assertTrue(first.out().contains("(imported 28 rows as version 1)"), first::toString);
    assertEquals(8, first.out().lines().filter(l -> l.startsWith("-- ")).count(), first::toString);
    assertEquals(
        8,
        first.out().lines().filter(l -> l.matches("\\(\\d+ rows?, .*\\)")).count(),
        first::toString);
    assertTrue(first.out().contains("(imported 4000 rows as version 1)"), first::toString);
    assertTrue(first.out().contains("(appended 1000 rows as version 2)"), first::toString);
    assertTrue(first.out().contains("fragments=5 computed=1 L1=4 "), "only the new shard ran: " + first);
    // The grown dataset holds the sample's rows in the sample's shards: it is the same dataset.
    String grown =
        first.out().lines().filter(l -> l.contains("(appended")).findFirst().orElseThrow();
    assertEquals(tripsRoot, grown.strip().split("\\s+")[1], grown);
    assertTrue(first.out().contains("FROM \"" + tripsRoot + "\""), first::toString);
    assertTrue(first.out().contains(" Manhattan "), first::toString);
    assertTrue(first.out().contains("  5000 | "), "the query by CID counts every trip: " + first);

    Cli.Result second = Cli.run("--home", home, "demo");
    assertEquals(0, second.status(), second::toString);
    assertEquals(tripsRoot, root(second.out(), "trips"));
    assertTrue(second.out().contains("(already imported, version 1)"), second::toString);
    assertTrue(second.out().contains("(already imported, version 2)"), second::toString);
    assertTrue(second.out().contains("answered from the query result cache"), second::toString);
    Cli.Result ls = Cli.run("--home", home, "ls", "trips");
    assertTrue(ls.out().contains("5000 rows in 5 shards"), ls::toString);
    assertEquals(1, ls.out().lines().filter(l -> l.contains(tripsRoot)).count(), "one version");
  }

  @Test
  void refusesToMixWithAnotherDatasetOfTheSameName() throws Exception {
    Path csv = Files.writeString(dir.resolve("trips.csv"), "id\n1\n2\n");
    String home = dir.resolve("home").toString();
    assertEquals(0, Cli.run("--home", home, "import", csv.toString(), "--name", "trips").status());
    Cli.Result demo = Cli.run("--home", home, "demo");
    assertEquals(1, demo.status(), demo::toString);
    assertTrue(demo.err().contains("'trips'") && demo.err().contains("--home"), demo::toString);

    String other = dir.resolve("other").toString();
    assertEquals(
        0, Cli.run("--home", other, "import", csv.toString(), "--name", "trips_live").status());
    Cli.Result live = Cli.run("--home", other, "demo");
    assertEquals(1, live.status(), live::toString);
    assertTrue(live.err().contains("'trips_live'"), live::toString);
  }

  private static String root(String out, String dataset) {
    List<String> cells =
        out.lines()
            .filter(l -> l.startsWith("  " + dataset + " "))
            .findFirst()
            .map(l -> List.of(l.strip().split("\\s+")))
            .orElseThrow(() -> new AssertionError("no line for " + dataset + " in\n" + out));
    return cells.get(1);
  }
}
