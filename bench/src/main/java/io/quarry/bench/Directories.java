package io.quarry.bench;

import io.quarry.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** File-tree helpers for the benchmark's own data directories. */
final class Directories {
  private Directories() {}

  static void delete(Path root) throws IOException {
    AtomicFiles.deleteTree(root);
  }

  static long size(Iterable<Path> files) throws IOException {
    long total = 0;
    for (Path f : files) {
      total += Files.size(f);
    }
    return total;
  }

  /**
   * The repository root: the nearest directory holding both pom.xml and bench/, upwards from the
   * working directory, else upwards from where this class was loaded; else the working directory.
   */
  static Path repoRoot() {
    Path cwd = Path.of("").toAbsolutePath();
    Path found = findUpwards(cwd);
    if (found == null) {
      try {
        Path code =
            Path.of(Directories.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        found = findUpwards(code);
      } catch (RuntimeException | java.net.URISyntaxException e) {
        found = null;
      }
    }
    return found == null ? cwd : found;
  }

  private static Path findUpwards(Path start) {
    for (Path d = start; d != null; d = d.getParent()) {
      if (Files.exists(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("bench"))) {
        return d;
      }
    }
    return null;
  }
}
