package io.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSecurityCommandTest {
  @TempDir Path dir;

  @Test
  void initCreatesTheMaterialOnceAndNamesIt() {
    Cli.Result first = Cli.run("cluster", "init", "--dir", dir.toString());
    assertEquals(0, first.status(), first::toString);
    String[] lines = first.out().strip().split("\\R");
    assertEquals(6, lines.length, first::toString);
    assertEquals(
        "created " + dir.resolve("cluster/token") + " (client token, owner only)", lines[4]);
    assertTrue(lines[5].matches("CA fingerprint SHA-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}"), lines[5]);

    Cli.Result again = Cli.run("cluster", "init", "--dir", dir.toString());
    assertEquals(1, again.status(), again::toString);
    assertTrue(again.err().contains("--force"), again::toString);
    assertEquals(1, again.err().lines().count(), again::toString);
    assertEquals(0, Cli.run("cluster", "init", "--dir", dir.toString(), "--force").status());
  }

  @Test
  void certIssuesANodesMaterialIntoItsHome() {
    assertEquals(0, Cli.run("cluster", "init", "--dir", dir.toString()).status());
    Path home = dir.resolve("q3");
    Cli.Result cert =
        Cli.run(
            "--home",
            home.toString(),
            "cluster",
            "cert",
            "--dir",
            dir.toString(),
            "--host",
            "db-3.example");
    assertEquals(0, cert.status(), cert::toString);
    assertTrue(
        cert.out().contains("(hosts db-3.example, 127.0.0.1, localhost; valid until "),
        cert::toString);
    for (String file : new String[] {"node.crt", "node.key", "ca.crt", "token", "member.sig"}) {
      assertTrue(Files.exists(home.resolve("security").resolve(file)), file);
    }
  }

  @Test
  void badClientMaterialIsAUserErrorNamingTheFile() {
    Path missing = dir.resolve("nope.crt");
    Cli.Result result =
        Cli.run(
            "sql", "--connect", "127.0.0.1:1", "--tls-ca", missing.toString(), "-e", "SELECT 1");
    assertEquals(1, result.status(), result::toString);
    assertEquals("error: Missing TLS CA certificate: " + missing, result.err().strip());
    assertFalse(result.err().contains("\tat "), result::toString);
  }
}
