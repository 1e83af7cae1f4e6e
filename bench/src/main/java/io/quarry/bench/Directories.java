package io.quarry.bench;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** File-tree helpers for the benchmark's own data directories. */
final class Directories {
  private Directories() {}

  static void delete(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
            if (exc != null) {
              throw exc;
            }
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  static long size(Iterable<Path> files) throws IOException {
    long total = 0;
    for (Path f : files) {
      total += Files.size(f);
    }
    return total;
  }

  /** The repository root: the nearest directory upwards holding both pom.xml and bench/. */
  static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.exists(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("bench"))) {
        return d;
      }
    }
    return dir;
  }
}
