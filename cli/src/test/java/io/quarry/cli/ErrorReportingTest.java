package io.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrorReportingTest {
  @TempDir Path home;

  @Test
  void malformedCidIsAUserErrorNamingItWithoutStackTrace() {
    Cli.Result result = Cli.run("--home", home.toString(), "cat", "bafyNOTACID!");
    assertEquals(1, result.status(), result::toString);
    assertEquals("", result.out());
    assertTrue(result.err().startsWith("error: "), result::toString);
    assertTrue(result.err().contains("bafyNOTACID!"), result::toString);
    assertEquals(1, result.err().lines().count(), result::toString);
    assertFalse(result.err().contains("\tat "), result::toString);
    assertFalse(result.err().contains("Exception"), result::toString);
  }

  @Test
  void verboseAddsTheStackTrace() {
    Cli.Result result = Cli.run("cat", "--home", home.toString(), "--verbose", "QmNotBase58l0");
    assertEquals(1, result.status(), result::toString);
    assertTrue(result.err().startsWith("error: "), result::toString);
    assertTrue(result.err().contains("QuarryException"), result::toString);
    assertTrue(result.err().contains("\tat "), result::toString);
  }

  @Test
  void unknownBlockIsAUserErrorNamingTheCid() {
    String absent = "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4";
    Cli.Result result = Cli.run("--home", home.toString(), "cat", absent);
    assertEquals(1, result.status(), result::toString);
    assertTrue(result.err().startsWith("error: "), result::toString);
    assertTrue(result.err().contains(absent), result::toString);
  }

  @Test
  void unknownOptionIsAUsageErrorOnOneLine() {
    Cli.Result result = Cli.run("ls", "--colour");
    assertEquals(2, result.status(), result::toString);
    assertTrue(result.err().startsWith("error: "), result::toString);
    assertTrue(result.err().contains("--colour"), result::toString);
    assertEquals(1, result.err().lines().count(), result::toString);
  }

  @Test
  void unknownDatasetNamesIt() {
    Cli.Result result = Cli.run("--home", home.toString(), "ls", "nosuchdataset");
    assertEquals(1, result.status(), result::toString);
    assertTrue(result.err().contains("nosuchdataset"), result::toString);
  }

  @Test
  void helpAndVersionWorkOnEveryCommand() {
    for (String command :
        new String[] {"cid", "import", "ls", "cat", "car", "sql", "demo", "bench"}) {
      Cli.Result help = Cli.run(command, "--help");
      assertEquals(0, help.status(), help::toString);
      assertTrue(help.out().contains("Usage: quarry " + command), help::toString);
      assertTrue(help.out().contains("--home"), help::toString);
      Cli.Result version = Cli.run(command, "--version");
      assertEquals(0, version.status(), version::toString);
      assertTrue(version.out().startsWith("quarry "), version::toString);
    }
  }
}
