package dev.lake.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lake.engine.CommitResult;
import dev.lake.engine.Lake;
import dev.lake.engine.Table;
import dev.lake.engine.TableDefinition;
import dev.lake.engine.expr.Predicate;
import dev.lake.engine.testing.AllTypes;
import dev.lake.engine.types.TypeParser;
import dev.lake.engine.write.MergeBatch;
import dev.lake.engine.write.RowUpdate;
import dev.lake.it.support.Canonical;
import dev.lake.it.support.DeltaLogFiles;
import dev.lake.it.support.KernelRows;
import dev.lake.it.support.LakeRows;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables written by lake, read by Delta Kernel's own default engine (no lake code on the read
 * path): after every commit (insert, delete, update, merge, and past a checkpoint) both readers
 * must return exactly the rows the test wrote, for every type lake has, nested ones included
 * (the {@link AllTypes} fixture).
 * The log itself must be plain Delta: a protocol other Delta readers accept, no features of
 * lake's own.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class KernelReaderInteropIT {
  /** Reader features defined by the Delta protocol (PROTOCOL.md). */
  static final Set<String> DELTA_READER_FEATURES =
      Set.of("columnMapping", "deletionVectors", "timestampNtz", "typeWidening", "typeWidening-preview",
          "v2Checkpoint", "vacuumProtocolCheck", "variantType", "variantType-preview", "variantShredding-preview",
          "catalogManaged", "catalogOwned-preview");
  /** Writer features defined by the Delta protocol (PROTOCOL.md). */
  static final Set<String> DELTA_WRITER_FEATURES =
      Set.of("appendOnly", "invariants", "checkConstraints", "changeDataFeed", "generatedColumns", "columnMapping",
          "identityColumns", "deletionVectors", "rowTracking", "timestampNtz", "domainMetadata", "v2Checkpoint",
          "icebergCompatV1", "icebergCompatV2", "icebergCompatV3", "icebergWriterCompatV1", "clustering",
          "vacuumProtocolCheck", "typeWidening", "typeWidening-preview", "inCommitTimestamp", "variantType",
          "variantType-preview", "variantShredding-preview", "allowColumnDefaults", "checkpointProtection",
          "catalogManaged", "catalogOwned-preview", "materializePartitionColumns");

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  final KernelRows kernel = new KernelRows();

  @Test
  void everyTypeAfterInsertDeleteUpdateMergeAndCheckpoint() throws Exception {
    try (Lake lake = Lake.open(dir.toString())) {
      Table t = lake.createTable("alltypes", TableDefinition.of(AllTypes.SCHEMA).withPrimaryKey("id"));
      Map<Long, Object[]> model = new TreeMap<>();
      checkVersion(t, 0, model);

      List<Object[]> first = new ArrayList<>();
      for (long id = 0; id < 40; id++) {
        first.add(row(id, 0));
      }
      commit(t, t.insert(first), 1, model, () -> first.forEach(r -> model.put((Long) r[0], r)));

      List<Object[]> second = new ArrayList<>();
      for (long id = 40; id < 60; id++) {
        second.add(row(id, 0));
      }
      commit(t, t.insert(second), 2, model, () -> second.forEach(r -> model.put((Long) r[0], r)));

      // DELETE across both files.
      List<Object> doomed = List.of(3L, 17L, 38L, 41L, 55L);
      commit(t, t.delete(Predicate.in("id", doomed)), 3, model, () -> doomed.forEach(model::remove));
      commit(t, t.delete(Predicate.and(Predicate.ge("id", 20L), Predicate.lt("id", 25L))), 4, model,
          () -> model.keySet().removeIf(id -> id >= 20 && id < 25));

      // UPDATE of scalar and nested columns by a function of the row.
      RowUpdate bump = (r, schema) -> row((Long) r[0], 1);
      commit(t, t.update(Predicate.lt("id", 12L), bump), 5, model,
          () -> model.replaceAll((id, r) -> id < 12 ? row(id, 1) : r));
      // UPDATE ... SET to constants, NULLs included, on the rows whose i32 is row 13's.
      Object i32 = row(13, 0)[AllTypes.column("i32")];
      Map<String, Object> set = new LinkedHashMap<>();
      set.put("flag", null);
      set.put("s", "set, \"quoted\"\nline");
      set.put("money", new BigDecimal("-0.01"));
      set.put("cents", new BigDecimal("-0.01"));
      commit(t, t.update(Predicate.eq("i32", i32), set), 6, model, () -> model.replaceAll((id, r) -> {
        if (!i32.equals(r[AllTypes.column("i32")])) {
          return r;
        }
        Object[] out = r.clone();
        set.forEach((column, value) -> out[AllTypes.column(column)] = value);
        return out;
      }));

      // MERGE: upsert an existing and a new key, insert, update, delete.
      MergeBatch merge =
          MergeBatch.onPrimaryKey()
              .upsert(row(30, 2))
              .upsert(row(200, 2))
              .insert(row(201, 0))
              .update(row(42, 3))
              .delete(keyOnly(43));
      commit(t, t.merge(merge), 7, model, () -> {
        model.put(30L, row(30, 2));
        model.put(200L, row(200, 2));
        model.put(201L, row(201, 0));
        model.put(42L, row(42, 3));
        model.remove(43L);
      });

      // Enough commits to pass Delta's default checkpoint interval (10).
      for (int v = 8; v <= 13; v++) {
        long id = 300 + v;
        Object[] r = row(id, v);
        commit(t, t.insert(List.<Object[]>of(r)), v, model, () -> model.put(id, r));
      }
      // 60 inserted, 5 + 5 deleted, merge +2 -1, then 6 single inserts.
      assertThat(model).hasSize(57);
      assertThat(kernel.all(t.path())).hasSize(57);
      DeltaLogFiles log = new DeltaLogFiles(dir.resolve("alltypes"));
      assertThat(log.fileNames()).contains("_last_checkpoint", "00000000000000000010.checkpoint.parquet");

      // Every version, re-read by both readers, still matches (time travel, checkpoint or not).
      assertThat(kernel.all(t.path(), 10)).isEqualTo(LakeRows.all(t.snapshotAt(10)));
      assertThat(kernel.all(t.path(), 5)).isEqualTo(LakeRows.all(t.snapshotAt(5)));

      // What other Delta readers are told about the table.
      StructType schema = kernel.snapshot(t.path(), null).getSchema();
      Map<String, DataType> expected = new LinkedHashMap<>();
      expected.put("id", LongType.LONG);
      expected.put("i8", ByteType.BYTE);
      expected.put("i16", ShortType.SHORT);
      expected.put("i32", IntegerType.INTEGER);
      expected.put("i64", LongType.LONG);
      // unsigned types widen to the next signed type, UBIGINT to DECIMAL(20,0), nested ones too
      expected.put("u8", ShortType.SHORT);
      expected.put("u16", IntegerType.INTEGER);
      expected.put("u32", LongType.LONG);
      expected.put("u64", new DecimalType(20, 0));
      expected.put("f32", FloatType.FLOAT);
      expected.put("f64", DoubleType.DOUBLE);
      expected.put("s", StringType.STRING);
      expected.put("b", BinaryType.BINARY);
      expected.put("flag", BooleanType.BOOLEAN);
      expected.put("d", DateType.DATE);
      expected.put("ts", TimestampType.TIMESTAMP);
      expected.put("ntz", TimestampNTZType.TIMESTAMP_NTZ);
      expected.put("dec", new DecimalType(38, 10));
      expected.put("money", new DecimalType(10, 2));
      expected.put("cents", new DecimalType(9, 2));
      expected.put("tags", new ArrayType(StringType.STRING, true));
      expected.put("scores", new MapType(StringType.STRING, LongType.LONG, true));
      expected.put("byid", new MapType(IntegerType.INTEGER, DateType.DATE, true));
      expected.put("ranks", new MapType(StringType.STRING, IntegerType.INTEGER, true));
      expected.put("calendar", new MapType(IntegerType.INTEGER, new ArrayType(DateType.DATE, true), true));
      expected.put("counts", new MapType(StringType.STRING, new DecimalType(20, 0), true));
      expected.put("ids", new ArrayType(LongType.LONG, true));
      expected.put("point", new StructType()
          .add("x", DoubleType.DOUBLE, true).add("y", DoubleType.DOUBLE, true).add("label", StringType.STRING, true));
      expected.put("nested", new ArrayType(new StructType()
          .add("k", StringType.STRING, true).add("v", new ArrayType(new DecimalType(5, 1), true), true), true));
      expected.put("addr", new StructType()
          .add("street", StringType.STRING, true)
          .add("zip", IntegerType.INTEGER, true)
          .add("geo", new StructType().add("lat", DoubleType.DOUBLE, true).add("lon", DoubleType.DOUBLE, true), true));
      expected.put("events", new ArrayType(new StructType()
          .add("at", TimestampType.TIMESTAMP, true)
          .add("amount", new DecimalType(10, 2), true)
          .add("ok", BooleanType.BOOLEAN, true), true));
      expected.forEach((name, type) -> assertThat(schema.get(name).getDataType()).as("Delta type of %s", name).isEqualTo(type));
      assertThat(schema.get("id").isNullable()).isFalse();
      assertThat(schema.fieldNames()).containsExactlyElementsOf(AllTypes.SCHEMA.columnNames());
      assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(AllTypes.SCHEMA.columnNames());

      assertPlainDelta(log, t.snapshot().version(), List.of(), true);
    }
  }

  @Test
  void partitionedTableWithAwkwardPartitionValues() throws Exception {
    try (Lake lake = Lake.open(dir.toString())) {
      Table t =
          lake.createTable(
              "parted",
              TableDefinition.of(TypeParser.parseColumns(
                      "region STRING, day DATE, id BIGINT, amount DECIMAL(12,2), note STRING, seen TIMESTAMP"))
                  .withPrimaryKey("id")
                  .withPartitionColumns("region", "day"));
      String[] regions = {"north", "south east", "süd/west=1%", "a:b", null, ""};
      Map<Long, Object[]> model = new TreeMap<>();
      List<Object[]> rows = new ArrayList<>();
      for (long id = 0; id < 48; id++) {
        String region = regions[(int) (id % regions.length)];
        LocalDate day = id % 4 == 3 ? null : LocalDate.of(2024, 2, 28).plusDays(id % 4);
        rows.add(new Object[] {region, day, id, BigDecimal.valueOf(id * 1001 - 20000, 2), "n" + id,
            Instant.parse("2024-03-01T00:00:00.000001Z").plusSeconds(id * 3600)});
      }
      commit(t, t.insert(rows), 1, model, () -> rows.forEach(r -> model.put((Long) r[2], r)));
      assertThat(dir.resolve("parted")).isDirectoryContaining(p -> p.getFileName().toString().startsWith("region="));

      commit(t, t.delete(Predicate.eq("region", "south east")), 2, model,
          () -> model.values().removeIf(r -> "south east".equals(r[0])));
      commit(t, t.delete(Predicate.isNull("day")), 3, model, () -> model.values().removeIf(r -> r[1] == null));
      // Moving rows between partitions.
      commit(t, t.update(Predicate.eq("region", "north"), Map.of("region", "süd/west=1%", "note", "moved")), 4, model,
          () -> model.replaceAll((id, r) -> {
            if (!"north".equals(r[0])) {
              return r;
            }
            Object[] out = r.clone();
            out[0] = "süd/west=1%";
            out[4] = "moved";
            return out;
          }));
      Object[] fresh = {null, LocalDate.of(1900, 1, 1), 900L, new BigDecimal("9999999999.99"), null, null};
      Object[] replaced = {"a:b", LocalDate.of(2024, 2, 29), 1L, new BigDecimal("0.00"), "replaced", null};
      commit(t, t.merge(MergeBatch.onPrimaryKey().upsert(fresh).upsert(replaced).delete(null, null, 2L, null, null, null)),
          5, model, () -> {
            model.put(900L, fresh);
            model.put(1L, replaced);
            model.remove(2L);
          });
      // 48 inserted, 8 ("south east") + 8 (NULL day) deleted, merge +2 -1.
      assertThat(model).hasSize(33);
      assertThat(kernel.all(t.path())).hasSize(33);
      assertThat(kernel.snapshot(t.path(), null).getPartitionColumnNames()).containsExactly("region", "day");
      assertPlainDelta(new DeltaLogFiles(dir.resolve("parted")), t.snapshot().version(), List.of("region", "day"), false);
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** Checks a write committed {@code version}, applies it to the model, and compares all readers. */
  private void commit(Table t, CommitResult r, long version, Map<Long, Object[]> model, Runnable applyToModel) {
    assertThat(r.committed()).isTrue();
    assertThat(r.version()).isEqualTo(version);
    applyToModel.run();
    checkVersion(t, version, model);
  }

  private void checkVersion(Table t, long version, Map<Long, Object[]> model) {
    List<List<Object>> expected = Canonical.sorted(model.values().stream().map(Canonical::row).toList());
    List<List<Object>> viaLake = LakeRows.all(t.snapshotAt(version));
    List<List<Object>> viaKernel = kernel.all(t.path(), version);
    assertThat(viaKernel).as("Delta Kernel's rows at version %d", version).containsExactlyElementsOf(expected);
    assertThat(viaLake).as("lake's rows at version %d", version).containsExactlyElementsOf(expected);
  }

  /** The latest protocol and metadata in the log are plain Delta. */
  private static void assertPlainDelta(DeltaLogFiles log, long latest, List<String> partitionColumns, boolean hasNtz) {
    JsonNode protocol = null;
    JsonNode metadata = null;
    for (long v = 0; v <= latest; v++) {
      protocol = log.action(v, "protocol") != null ? log.action(v, "protocol") : protocol;
      metadata = log.action(v, "metaData") != null ? log.action(v, "metaData") : metadata;
    }
    assertThat(protocol).as("protocol action").isNotNull();
    assertThat(metadata).as("metaData action").isNotNull();
    System.out.println(log.dir() + ": protocol " + protocol + "\n  configuration " + metadata.get("configuration"));

    int reader = protocol.get("minReaderVersion").asInt();
    int writer = protocol.get("minWriterVersion").asInt();
    assertThat(reader).isBetween(1, 3);
    assertThat(writer).isBetween(1, 7);
    List<String> readerFeatures = names(protocol.get("readerFeatures"));
    List<String> writerFeatures = names(protocol.get("writerFeatures"));
    assertThat(readerFeatures).as("reader features").isSubsetOf(DELTA_READER_FEATURES);
    assertThat(writerFeatures).as("writer features").isSubsetOf(DELTA_WRITER_FEATURES);
    if (reader == 3) {
      assertThat(protocol.has("readerFeatures")).isTrue();
    }
    if (hasNtz) {
      // Delta requires the timestampNtz feature of tables with TIMESTAMP_NTZ columns.
      assertThat(readerFeatures).contains("timestampNtz");
      assertThat(writerFeatures).contains("timestampNtz");
    } else {
      assertThat(readerFeatures).as("reader features a plain table needs").isEmpty();
    }
    // Lake stays off everything that makes a table unreadable to older readers.
    assertThat(readerFeatures).doesNotContain("deletionVectors", "columnMapping", "v2Checkpoint", "catalogManaged");

    assertThat(metadata.get("format").get("provider").asText()).isEqualTo("parquet");
    assertThat(names(metadata.get("partitionColumns"))).containsExactlyElementsOf(partitionColumns);
    Iterator<String> keys = metadata.get("configuration").fieldNames();
    while (keys.hasNext()) {
      String k = keys.next();
      assertThat(k).as("table property").matches("delta\\..*|lake\\.primaryKey");
    }
  }

  private static List<String> names(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null) {
      array.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  /** The fixture's row of {@code id} in {@code generation}: see {@link AllTypes}. */
  private static Object[] row(long id, int generation) {
    return AllTypes.row(id, generation);
  }

  /** A DELETE row of a merge: only the key matters. */
  private static Object[] keyOnly(long id) {
    return AllTypes.keyOnly(id);
  }
}
