package io.quarry.node.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarry.cid.Cid;
import io.quarry.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The roots the plan cache is keyed by follow every new version, dataset and removal. */
class DatasetRootsTest {
  @TempDir Path dir;

  private static Map<String, String> read(Store store) {
    Map<String, String> roots = new HashMap<>();
    for (String name : store.datasets().names()) {
      roots.put(name, store.datasets().latest(name).orElseThrow().root().toString());
    }
    return roots;
  }

  @Test
  void followsTheDatasetLogs() throws Exception {
    try (Store store = TestStore.create(dir)) {
      DatasetRoots roots = new DatasetRoots(store.datasets());
      Map<String, String> first = roots.current();
      assertEquals(read(store), first);
      assertEquals(first, roots.current(), "unchanged logs give the same roots");

      TestStore.appendDept(store, dir);
      Map<String, String> second = roots.current();
      assertEquals(read(store), second);
      assertNotEquals(first.get("dept"), second.get("dept"));

      // Another process appending to the same store is seen too.
      try (Store other = Store.open(store.home())) {
        other.datasets().append("copy", Cid.parse(second.get("emp")));
        other.datasets().append("dept", Cid.parse(first.get("dept")));
      }
      Map<String, String> third = roots.current();
      assertEquals(read(store), third);
      assertEquals(first.get("dept"), third.get("dept"));
      assertEquals(second.get("emp"), third.get("copy"));

      // Files that are not dataset logs are not datasets; a removed log is gone.
      Files.writeString(store.datasets().directory().resolve("not-a-name.jsonl"), "");
      Files.delete(store.datasets().directory().resolve("copy.jsonl"));
      assertEquals(read(store), roots.current());
      assertEquals(first.keySet(), roots.current().keySet());
    }
  }
}
