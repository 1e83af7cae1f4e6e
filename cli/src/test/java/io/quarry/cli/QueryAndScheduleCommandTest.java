package io.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryAndScheduleCommandTest {
  private static final Pattern RESULT = Pattern.compile("result (b[a-z2-7]+) \\((\\d+) rows?, (from cache|computed)\\)");

  @TempDir Path dir;

  private String home() {
    return dir.resolve("home").toString();
  }

  private Cli.Result ok(String... args) {
    String[] full = new String[args.length + 2];
    full[0] = "--home";
    full[1] = home();
    System.arraycopy(args, 0, full, 2, args.length);
    Cli.Result r = Cli.run(full);
    assertEquals(0, r.status(), r::toString);
    return r;
  }

  private static Matcher result(Cli.Result r) {
    Matcher m = RESULT.matcher(r.out() + r.err());
    assertTrue(m.find(), r::toString);
    return m;
  }

  private Path csv(String name, String... rows) throws Exception {
    return Files.writeString(dir.resolve(name), "k,v\n" + String.join("\n", rows) + "\n");
  }

  @Test
  void savedQueriesRunByCidOnAnyVersionAndResultsReadBack() throws Exception {
    ok("import", csv("a.csv", "a,1", "b,2", "a,3").toString(), "--name", "sales");
    String firstRoot = ok("ls", "sales").out();
    String queryCid =
        ok("query", "save", "SELECT k, sum(v) AS total FROM sales GROUP BY k ORDER BY k;").out().strip();
    assertTrue(queryCid.startsWith("bagu"), queryCid);
    assertEquals(queryCid, ok("query", "save", "SELECT k, sum(v) AS total FROM sales GROUP BY k ORDER BY k").out().strip());
    assertTrue(ok("query", "show", queryCid).out().contains("sum(v) AS total"));

    Matcher first = result(ok("query", "run", queryCid));
    assertEquals("2", first.group(2));
    assertEquals("computed", first.group(3));
    Cli.Result again = ok("query", "run", queryCid, "--format", "csv");
    assertEquals(List.of("k,total", "a,4", "b,2"), again.out().lines().toList());
    Matcher second = result(again);
    assertEquals(first.group(1), second.group(1), "the same query on the same data has the same result");
    assertEquals("from cache", second.group(3));

    ok("import", csv("b.csv", "c,10").toString(), "--name", "sales", "--append");
    Matcher appended = result(ok("query", "run", queryCid));
    assertEquals("3", appended.group(2));
    assertNotEquals(first.group(1), appended.group(1));

    Matcher firstRootResult = result(ok("query", "run", queryCid, "--on", rootOf(firstRoot, 1)));
    assertEquals(first.group(1), firstRootResult.group(1), "--on an old root gives the old result");

    Cli.Result readBack = ok("query", "result", appended.group(1), "--format", "csv");
    assertEquals(List.of("k,total", "a,4", "b,2", "c,10"), readBack.out().lines().toList());
    Path car = dir.resolve("result.car");
    ok("car", "export", appended.group(1), "-o", car.toString());
    assertTrue(Files.size(car) > 0);
    Cli.Result notAResult = Cli.run("--home", home(), "query", "result", queryCid);
    assertEquals(1, notAResult.status(), notAResult::toString);
    assertTrue(notAResult.err().contains(queryCid), notAResult::toString);

    Cli.Result twoTables =
        Cli.run("--home", home(), "query", "run", ok("query", "save", "SELECT * FROM sales, sales2").out().strip(), "--on", "sales");
    assertEquals(1, twoTables.status(), twoTables::toString);
    assertTrue(twoTables.err().contains("exactly one table"), twoTables::toString);
    Cli.Result notAQuery = Cli.run("--home", home(), "query", "save", "SHOW DATASETS");
    assertEquals(1, notAQuery.status(), notAQuery::toString);
  }

  /** The root CID printed for a dataset's version by {@code quarry ls NAME}. */
  private static String rootOf(String ls, int version) {
    Matcher m = Pattern.compile("(?m)^\\s*" + version + " \\| (baf[a-z2-7]+) ").matcher(ls);
    assertTrue(m.find(), ls);
    return m.group(1);
  }

  @Test
  void schedulesMaterializeNewVersions() throws Exception {
    ok("import", csv("a.csv", "a,1", "b,2", "a,3").toString(), "--name", "sales");
    Cli.Result added =
        ok("schedule", "add", "totals", "--cron", "0 0 1 1 *", "--sql", "SELECT k, sum(v) AS total FROM sales GROUP BY k", "--into", "sales_totals");
    assertTrue(added.out().contains("next run"), added::toString);
    Cli.Result badCron =
        Cli.run("--home", home(), "schedule", "add", "x", "--cron", "sometimes", "--sql", "SELECT 1");
    assertEquals(1, badCron.status(), badCron::toString);
    assertTrue(badCron.err().contains("sometimes"), badCron::toString);

    assertTrue(ok("schedule", "run-due").out().contains("nothing is due"));
    Cli.Result run = ok("schedule", "run", "totals");
    assertTrue(run.out().contains(" ok "), run::toString);
    ok("schedule", "run", "totals");
    // Each version is one run's result: the same result twice, so the same root twice.
    Cli.Result count = ok("sql", "-e", "SELECT count(*) AS n, sum(total) AS s FROM sales_totals", "--format", "csv");
    assertEquals(List.of("n,s", "2,6"), count.out().lines().toList());
    String versions = ok("ls", "sales_totals").out();
    assertEquals(rootOf(versions, 1), rootOf(versions, 2), versions);

    ok("schedule", "add", "gathered", "--cron", "0 0 1 1 *", "--sql",
        "SELECT k, sum(v) AS total FROM sales GROUP BY k", "--into", "sales_runs", "--append");
    ok("schedule", "run", "gathered");
    ok("schedule", "run", "gathered");
    Cli.Result gathered = ok("sql", "-e", "SELECT count(*) AS n, sum(total) AS s FROM sales_runs", "--format", "csv");
    assertEquals(List.of("n,s", "4,12"), gathered.out().lines().toList());
    Cli.Result appendAlone =
        Cli.run("--home", home(), "schedule", "add", "y", "--cron", "0 0 1 1 *", "--sql", "SELECT 1", "--append");
    assertEquals(1, appendAlone.status(), appendAlone::toString);
    ok("schedule", "rm", "gathered");

    Cli.Result history = ok("schedule", "history", "totals");
    assertEquals(2, history.out().lines().filter(l -> l.contains(" ok ")).count(), history::toString);
    assertTrue(ok("schedule", "ls").out().contains("sales_totals"));
    ok("schedule", "rm", "totals");
    assertTrue(ok("schedule", "ls").out().contains("no schedules"));
  }
}
