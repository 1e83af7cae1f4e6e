package io.quarry.connectors.importer;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Expands import arguments (files and folders) into the input files, by format. */
final class InputFiles {
  private InputFiles() {}

  /**
   * The inputs in order: each argument in the order given; a folder contributes every supported
   * file below it (recursively, hidden files skipped), sorted by path.
   */
  static List<ImportInput> expand(List<Path> arguments) {
    List<ImportInput> inputs = new ArrayList<>();
    for (Path argument : arguments) {
      if (Files.isDirectory(argument)) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(argument)) {
          files = walk.filter(Files::isRegularFile)
              .filter(p -> !argument.relativize(p).toString().startsWith(".")
                  && !p.getFileName().toString().startsWith("."))
              .filter(p -> format(p) != null)
              .sorted()
              .toList();
        } catch (IOException e) {
          throw new QuarryException(ErrorCode.IO_ERROR, "cannot list " + argument + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
          throw new QuarryException(
              ErrorCode.NOT_FOUND,
              "folder " + argument + " holds no .csv, .tsv, .jsonl, .ndjson, .json or .parquet files");
        }
        files.forEach(f -> inputs.add(input(f)));
      } else if (Files.isRegularFile(argument)) {
        if (format(argument) == null) {
          throw new QuarryException(
              ErrorCode.UNSUPPORTED,
              argument + ": unknown input format (expected .csv, .tsv, .jsonl, .ndjson, .json or .parquet)");
        }
        inputs.add(input(argument));
      } else {
        throw new QuarryException(ErrorCode.NOT_FOUND, "input " + argument + " does not exist");
      }
    }
    if (inputs.isEmpty()) {
      throw new QuarryException(ErrorCode.INVALID_ARGUMENT, "no input files given");
    }
    return inputs;
  }

  private static ImportInput input(Path file) {
    return switch (format(file)) {
      case "csv" -> new CsvInput(file);
      case "json" -> new JsonInput(file);
      default -> new ParquetInput(file);
    };
  }

  private static String format(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv") || name.endsWith(".tsv")) {
      return "csv";
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
      return "json";
    }
    if (name.endsWith(".parquet")) {
      return "parquet";
    }
    return null;
  }
}
