package io.quarry.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.catalog.DatasetVersion;
import io.quarry.connectors.importer.DatasetImporter;
import io.quarry.connectors.importer.ImportOptions;
import io.quarry.connectors.importer.ImportProgress;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Table references against a real store: names, versions by number and root, CIDs. */
class StoreCatalogTest {
  @TempDir Path dir;
  private Store store;
  private StoreCatalog catalog;

  @BeforeEach
  void setUp() throws Exception {
    store = Store.open(dir.resolve("store"));
    Path v1 = Files.writeString(dir.resolve("v1.csv"), "id,name\n1,a\n2,b\n3,c\n");
    Path v2 = Files.writeString(dir.resolve("v2.csv"), "id,name\n4,d\n");
    DatasetImporter.run(store, List.of(v1), new ImportOptions("Trips", false, 2, java.util.Map.of()), ImportProgress.NONE);
    DatasetImporter.run(store, List.of(v2), new ImportOptions("Trips", true, 2, java.util.Map.of()), ImportProgress.NONE);
    catalog = new StoreCatalog(store);
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private long rows(String reference) {
    return catalog.resolve(reference).orElseThrow().rows();
  }

  @Test
  void namesResolveToTheLatestVersionInAnyCase() {
    assertEquals(List.of("Trips"), catalog.names());
    assertEquals(4, rows("Trips"));
    assertEquals(4, rows("trips"));
    assertEquals(Optional.empty(), catalog.resolve("nope"));
  }

  @Test
  void versionsByNumberAndByRoot() {
    List<DatasetVersion> history = store.datasets().history("Trips");
    assertEquals(3, rows("trips@1"));
    assertEquals(4, rows("trips@2"));
    assertEquals(3, rows("trips@" + history.get(0).root()));
    assertEquals(history.get(0).root().toString(), catalog.resolve("Trips@1").orElseThrow().root());
    QuarryException past = assertThrows(QuarryException.class, () -> catalog.resolve("trips@3"));
    assertEquals(ErrorCode.NOT_FOUND, past.code());
    assertEquals("dataset 'Trips' has versions 1 to 2, not 3", past.getMessage());
    QuarryException other =
        assertThrows(QuarryException.class, () -> catalog.resolve("nope@1"));
    assertEquals(ErrorCode.NOT_FOUND, other.code());
  }

  @Test
  void rootCidsResolveWithoutAName() {
    String root = store.datasets().history("Trips").get(0).root().toString();
    assertEquals(3, rows(root));
    assertEquals(2, catalog.resolve(root).orElseThrow().shards().size());
  }

  @Test
  void malformedAndUnknownCidsAreNamed() {
    QuarryException malformed = assertThrows(QuarryException.class, () -> catalog.resolve("bafy!!"));
    assertEquals(ErrorCode.MALFORMED_CID, malformed.code());
    String unknown = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";
    QuarryException missing = assertThrows(QuarryException.class, () -> catalog.resolve(unknown));
    assertEquals(ErrorCode.NOT_FOUND, missing.code());
    assertTrue(missing.getMessage().contains(unknown), missing.getMessage());
    QuarryException notAVersion =
        assertThrows(QuarryException.class, () -> catalog.resolve("trips@" + unknown));
    assertEquals(unknown + " is not a version of dataset 'Trips'", notAVersion.getMessage());
  }
}
