package io.quarry.cli;

import io.quarry.cid.Cid;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.unixfs.ImportProfile;
import io.quarry.unixfs.UnixFsWriter;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints the CID IPFS tools give each file; stores nothing. */
@Command(
    name = "cid",
    description = {
      "Print the CID of each FILE, one per line, in order. Nothing is stored.",
      "The default profile gives the root CID of 'ipfs-car pack --no-wrap';"
          + " kubo-v0 gives the CID of 'ipfs add'."
    })
final class CidCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(
      names = "--profile",
      paramLabel = "PROFILE",
      defaultValue = "unixfs-v1-2025",
      description =
          "unixfs-v1-2025 (default: CIDv1, raw leaves, 1 MiB chunks) or kubo-v0"
              + " (CIDv0, 256 KiB chunks).")
  String profile;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "A file to hash; - reads stdin.")
  List<String> files;

  CidCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    ImportProfile importProfile = ImportProfile.parse(profile);
    for (String file : files) {
      Cid cid;
      if (file.equals("-")) {
        cid = UnixFsWriter.writeFile(new BufferedInputStream(context.in()), importProfile, b -> {});
      } else {
        Path path = Path.of(file);
        if (Files.isDirectory(path)) {
          throw new QuarryException(
              ErrorCode.INVALID_ARGUMENT, file + " is a directory; 'quarry cid' hashes files");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 20)) {
          cid = UnixFsWriter.writeFile(in, importProfile, b -> {});
        }
      }
      context.out().println(cid);
      context.out().flush();
    }
    return ErrorReporter.OK;
  }
}
