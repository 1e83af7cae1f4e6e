package io.quarry.cli;

import io.quarry.cid.Cid;
import io.quarry.cli.output.TextTable;
import io.quarry.store.Store;
import io.quarry.unixfs.DirectoryEntry;
import io.quarry.unixfs.UnixFsReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Streams a UnixFS file out of the store; a directory is listed instead. */
@Command(
    name = "cat",
    description = {
      "Write a file from the store to stdout, or list a directory.",
      "Every block is verified against its CID as it is read.",
      "For a directory (such as a dataset root), list its entries: CID, size, name."
    })
final class CatCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "CID", description = "A file or directory in the store.")
  String cid;

  CatCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    Cid root = Cid.parse(cid);
    try (Store store = context.openStore()) {
      UnixFsReader reader = new UnixFsReader(store.blocks());
      PrintStream out = context.out();
      if (reader.isDirectory(root)) {
        List<String[]> rows = new ArrayList<>();
        for (DirectoryEntry entry : reader.listDirectory(root)) {
          rows.add(
              new String[] {entry.cid().toString(), Long.toString(entry.size()), entry.name()});
        }
        TextTable.print(
            out, List.of("cid", "size", "name"), new boolean[] {false, true, false}, rows);
        return ErrorReporter.OK;
      }
      try (InputStream in = reader.openFile(root)) {
        byte[] buffer = new byte[1 << 16];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          out.write(buffer, 0, n);
          if (out.checkError()) {
            // The reader went away (e.g. 'quarry cat … | head'): stop quietly.
            break;
          }
        }
      }
      out.flush();
    }
    return ErrorReporter.OK;
  }
}
