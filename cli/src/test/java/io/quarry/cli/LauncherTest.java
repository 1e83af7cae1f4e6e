package io.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real ./quarry script in a separate process, from a directory outside the tree. It runs
 * after the other test classes, since the script may first build the tree.
 */
@Order(Integer.MAX_VALUE)
class LauncherTest {
  @TempDir Path dir;

  @Test
  void launcherRunsTheCliFromAnyDirectory() throws Exception {
    Path launcher = Path.of("").toAbsolutePath().getParent().resolve("quarry");
    assumeTrue(Files.isExecutable(launcher), "no executable launcher at " + launcher);
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "the launcher needs bash");
    Path hello = Files.writeString(dir.resolve("hello.txt"), "hello world\n");
    Path stdout = dir.resolve("stdout");
    Path stderr = dir.resolve("stderr");
    ProcessBuilder builder =
        new ProcessBuilder(launcher.toString(), "cid", "--profile", "kubo-v0", hello.toString())
            .directory(dir.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    builder.environment().put("QUARRY_HOME", dir.resolve("home").toString());
    builder.environment().remove("JAVA_OPTS");
    Process process = builder.start();
    // The first run may build the modules, which takes minutes on a cold machine.
    boolean finished = process.waitFor(20, TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly();
    }
    String err = Files.readString(stderr, StandardCharsets.UTF_8);
    assertTrue(finished, "the launcher did not finish; stderr:\n" + err);
    assertEquals(0, process.exitValue(), err);
    assertEquals(
        "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o\n",
        Files.readString(stdout, StandardCharsets.UTF_8),
        err);
  }
}
