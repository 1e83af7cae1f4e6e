package io.quarry.node.server;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** The command line that starts another JVM like this one: same java, same class path. */
public final class JavaCommand {
  private JavaCommand() {}

  /** {@code java <jvmFlags> -cp <this class path> <mainClass>}. */
  public static List<String> of(String mainClass, List<String> jvmFlags) {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
    command.addAll(jvmFlags);
    command.addAll(sharedArchiveFlags());
    command.add("-cp");
    command.add(classPath());
    command.add(mainClass);
    return command;
  }

  /**
   * The class-data archive the launcher runs this JVM with (system property {@code
   * quarry.cds.archive}): a child with the same java and class path maps the same classes, which
   * shortens its start; without one, or with a mismatched one, the child runs as usual.
   */
  static List<String> sharedArchiveFlags() {
    String archive = System.getProperty("quarry.cds.archive");
    if (archive == null || archive.isBlank() || !Files.isRegularFile(Path.of(archive))) {
      return List.of();
    }
    return List.of(
        "-XX:SharedArchiveFile=" + archive,
        "-Xshare:auto",
        "-Xlog:cds=off",
        "-Xlog:cds+dynamic=off");
  }

  static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
  }

  /**
   * This JVM's class path. A launcher may pass one manifest-only jar whose Class-Path lists the
   * real entries (Maven Surefire does); those entries are returned instead, since such a jar may be
   * deleted while the started process still runs.
   */
  static String classPath() {
    String classPath = System.getProperty("java.class.path");
    String[] entries = classPath.split(File.pathSeparator);
    if (entries.length != 1 || !entries[0].endsWith(".jar")) {
      return classPath;
    }
    Path jar = Paths.get(entries[0]).toAbsolutePath();
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      String listed =
          manifest == null
              ? null
              : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
      if (listed == null || listed.isBlank()) {
        return classPath;
      }
      List<String> expanded = new ArrayList<>();
      for (String entry : listed.trim().split("\\s+")) {
        URI uri = jar.getParent().toUri().resolve(entry);
        expanded.add(Paths.get(uri).toString());
      }
      return String.join(File.pathSeparator, expanded);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the class path jar " + jar, e);
    }
  }
}
