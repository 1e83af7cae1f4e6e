package io.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CidCommandTest {
  private static final String HELLO_KUBO = "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o";

  @TempDir Path dir;

  @Test
  void helloWorldHasTheCidIpfsAddGives() throws Exception {
    Path hello = Files.writeString(dir.resolve("hello.txt"), "hello world\n");
    Cli.Result result = Cli.run("cid", "--profile", "kubo-v0", hello.toString());
    assertEquals(0, result.status(), result::toString);
    assertEquals(HELLO_KUBO + "\n", result.out());
    assertEquals("", result.err());
  }

  @Test
  void printsOneCidPerFileInOrderAndReadsStdin() throws Exception {
    Path hello = Files.writeString(dir.resolve("hello.txt"), "hello world\n");
    Path empty = Files.write(dir.resolve("empty"), new byte[0]);
    Cli.Result result =
        Cli.runWithStdin(
            "hello world\n".getBytes(StandardCharsets.UTF_8),
            "cid",
            "--profile=kubo-v0",
            hello.toString(),
            empty.toString(),
            "-");
    assertEquals(0, result.status(), result::toString);
    String[] lines = result.out().split("\n");
    assertEquals(3, lines.length, result::toString);
    assertEquals(HELLO_KUBO, lines[0]);
    assertTrue(lines[1].startsWith("Qm") && !lines[1].equals(HELLO_KUBO), result::toString);
    assertEquals(HELLO_KUBO, lines[2]);
  }

  @Test
  void defaultProfileGivesCidV1WithRawLeaves() throws Exception {
    Path hello = Files.writeString(dir.resolve("hello.txt"), "hello world\n");
    Cli.Result result = Cli.run("cid", hello.toString());
    assertEquals(0, result.status(), result::toString);
    // One chunk with raw leaves: the root is the raw block itself (codec raw, "bafk…").
    assertEquals("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4\n", result.out());
  }

  @Test
  void missingFileIsAUserErrorNamingIt() {
    Path missing = dir.resolve("no-such-file.csv");
    Cli.Result result = Cli.run("cid", missing.toString());
    assertEquals(1, result.status(), result::toString);
    assertTrue(result.err().startsWith("error: "), result::toString);
    assertTrue(result.err().contains("no-such-file.csv"), result::toString);
    assertEquals(1, result.err().lines().count(), result::toString);
  }

  @Test
  void unknownProfileIsRejected() throws Exception {
    Path hello = Files.writeString(dir.resolve("hello.txt"), "hello world\n");
    Cli.Result result = Cli.run("cid", "--profile", "kubo-v9", hello.toString());
    assertEquals(1, result.status(), result::toString);
    assertTrue(result.err().contains("kubo-v9"), result::toString);
  }
}
