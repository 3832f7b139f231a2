package dev.lake.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lake.engine.CommitResult;
import dev.lake.engine.HistoryEntry;
import dev.lake.engine.Lake;
import dev.lake.engine.Table;
import dev.lake.engine.TableDefinition;
import dev.lake.engine.error.UnsupportedFeatureException;
import dev.lake.engine.expr.Predicate;
import dev.lake.engine.maintenance.OptimizeOptions;
import dev.lake.engine.maintenance.OptimizeResult;
import dev.lake.engine.maintenance.VacuumOptions;
import dev.lake.engine.maintenance.VacuumResult;
import dev.lake.engine.testing.AllTypes;
import dev.lake.engine.types.TypeParser;
import dev.lake.engine.write.MergeBatch;
import dev.lake.engine.write.RowUpdate;
import dev.lake.it.support.DeltaLogFiles;
import dev.lake.it.support.LakeText;
import dev.lake.it.support.SparkProcess;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with Apache Spark 4.2 + Delta Lake 4.4 (a real local session in its own JVM,
 * see {@link SparkProcess}), both ways:
 *
 * <ul>
 *   <li>tables lake writes (every lake type, partitioned or not, keyed; insert, delete, update,
 *       merge through the engine and through the JDBC driver; OPTIMIZE, Z-ORDER and VACUUM) read
 *       by Spark at every version, with Spark's history showing lake's commits, and Spark writing
 *       into them (also its own OPTIMIZE ZORDER BY);
 *   <li>tables Spark writes (plain, partitioned, deletion vectors, column mapping by name and by
 *       id with renamed and dropped columns, classic and v2 checkpoints, timestamp_ntz, type
 *       widening) read by lake, and written by lake where it can;
 *   <li>table features lake cannot honour on write: a clear {@link UnsupportedFeatureException}
 *       naming the feature, and nothing committed.
 * </ul>
 *
 * Every comparison is exact: rows as {@link dev.lake.spark.CanonicalText}, sorted.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SparkInteropIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  static SparkProcess spark;

  @BeforeAll
  static void startSpark() {
    spark = SparkProcess.start(dir);
    assertThat(spark.version).isEqualTo("4.2.0");
  }

  @AfterAll
  static void stopSpark() {
    if (spark != null) {
      spark.close();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // lake writes, Spark reads

  @Test
  void sparkReadsEveryVersionOfEveryLakeType() {
    try (Lake lake = Lake.open(dir.resolve("lake-types").toString())) {
      Table t = lake.createTable("alltypes",
          TableDefinition.of(AllTypes.SCHEMA).withPrimaryKey("id"));
      List<Object[]> first = new ArrayList<>();
      for (long id = 0; id < 30; id++) {
        first.add(row(id, 0));
      }
      committed(t.insert(first), 1);
      List<Object[]> second = new ArrayList<>();
      for (long id = 30; id < 40; id++) {
        second.add(row(id, 0));
      }
      committed(t.insert(second), 2);
      committed(t.delete(Predicate.in("id", List.of(3L, 17L, 33L))), 3);
      RowUpdate bump = (r, schema) -> row((Long) r[0], 1);
      committed(t.update(Predicate.lt("id", 10L), bump), 4);
      committed(t.update(Predicate.eq("id", 12L), Map.of("s", "set, \"quoted\"\nline", "money", new BigDecimal("-0.01"))), 5);
      committed(t.merge(MergeBatch.onPrimaryKey().upsert(row(30, 2)).upsert(row(200, 2)).delete(keyOnly(31))), 6);

      assertSameRows(t, 0, 6);
      // 40 inserted, 3 deleted, merge: +1 (200) -1 (31).
      assertThat(LakeText.rows(t.snapshot())).hasSize(37);

      // Spark's DESCRIBE HISTORY lists lake's commits with lake's operation names.
      List<String> expected = new ArrayList<>();
      List<HistoryEntry> history = new ArrayList<>(t.history());
      history.sort((a, b) -> Long.compare(a.version(), b.version()));
      for (HistoryEntry h : history) {
        expected.add("[" + h.version() + ", \"" + h.operation() + "\"]");
      }
      assertThat(spark.history(t.path())).containsExactlyElementsOf(expected);
      assertThat(expected).hasSize(7);
      assertThat(expected.get(3)).contains("DELETE");
      assertThat(expected.get(4)).contains("UPDATE");
      assertThat(expected.get(6)).contains("MERGE");
    }
  }

  @Test
  void partitionedLakeTableWrittenByBothSides() {
    try (Lake lake = Lake.open(dir.resolve("lake-parted").toString())) {
      Table t = lake.createTable("parted",
          TableDefinition.of(TypeParser.parseColumns("region STRING, day DATE, id BIGINT, amount DECIMAL(12,2), note STRING"))
              .withPrimaryKey("id")
              .withPartitionColumns("region", "day"));
      String[] regions = {"north", "south east", "süd/west=1%", "a:b", null, ""};
      List<Object[]> rows = new ArrayList<>();
      for (long id = 0; id < 24; id++) {
        rows.add(new Object[] {regions[(int) (id % regions.length)], id % 4 == 3 ? null : LocalDate.of(2024, 2, 28).plusDays(id % 4),
            id, BigDecimal.valueOf(id * 1001 - 20000, 2), "n" + id});
      }
      committed(t.insert(rows), 1);
      committed(t.delete(Predicate.eq("region", "south east")), 2);
      committed(t.update(Predicate.eq("region", "north"), Map.of("region", "süd/west=1%", "note", "moved")), 3);
      committed(t.merge(MergeBatch.onPrimaryKey()
          .upsert(new Object[] {null, LocalDate.of(1999, 1, 1), 900L, new BigDecimal("9999999999.99"), null})
          .delete(null, null, 2L, null, null)), 4);
      assertSameRows(t, 0, 4);

      // Spark writes into lake's table: append, update, delete — and lake reads what Spark reads.
      String tbl = SparkProcess.table(t.path());
      spark.exec("INSERT INTO " + tbl + " VALUES ('spark', DATE'2024-03-01', 1000, 1.50, 'from spark'), (NULL, NULL, 1001, NULL, NULL)",
          "UPDATE " + tbl + " SET note = 'spark update', amount = amount + 1 WHERE id < 10",
          "DELETE FROM " + tbl + " WHERE id = 7 OR region = 'a:b'");
      assertThat(t.latestVersion()).isEqualTo(7);
      // The primary key survives Spark's commits (it is a table property), and lake writes on.
      assertThat(t.snapshot().primaryKey()).containsExactly("id");
      committed(t.insert(List.<Object[]>of(new Object[] {"spark", LocalDate.of(2024, 3, 1), 1002L, BigDecimal.ONE.setScale(2), "lake again"})), 8);
      committed(t.delete(Predicate.eq("id", 1000L)), 9);
      committed(t.merge(MergeBatch.onPrimaryKey().upsert(new Object[] {"x", null, 1001L, null, "merged"})), 10);
      assertSameRows(t, 5, 10);
    }
  }

  @Test
  void sparkReadsLakeTablesAfterOptimizeZOrderAndVacuumAndLakeReadsSparksOptimize() {
    try (Lake lake = Lake.open(dir.resolve("lake-maint").toString())) {
      Table t = lake.createTable("maint",
          TableDefinition.of(TypeParser.parseColumns("id BIGINT, region STRING, amount DECIMAL(10,2), note STRING"))
              .withPrimaryKey("id")
              .withPartitionColumns("region"));
      for (int c = 0; c < 6; c++) {
        List<Object[]> rows = new ArrayList<>();
        for (long i = 0; i < 10; i++) {
          long id = c * 10L + i;
          rows.add(new Object[] {id, id % 3 == 0 ? "east" : "west", BigDecimal.valueOf((id * 7919) % 10000, 2), "n" + id});
        }
        committed(t.insert(rows), c + 1);
      }
      committed(t.delete(Predicate.lt("id", 3L)), 7);
      committed(t.update(Predicate.eq("id", 20L), Map.of("note", "updated")), 8);
      committed(t.merge(MergeBatch.onPrimaryKey()
          .upsert(new Object[] {100L, "east", new BigDecimal("1.00"), "merged"})
          .delete(new Object[] {30L, null, null, null})), 9);

      OptimizeResult compacted = t.optimize(OptimizeOptions.defaults());
      assertThat(compacted.committed()).isTrue();
      assertThat(compacted.version()).isEqualTo(10);
      assertThat(t.snapshot().dataFiles()).hasSize(2);
      OptimizeResult zordered = t.optimize(OptimizeOptions.defaults().zOrderBy(List.of("amount", "id")));
      assertThat(zordered.committed()).isTrue();
      assertThat(zordered.version()).isEqualTo(11);
      assertSameRows(t, 0, 11);
      assertThat(spark.history(t.path())).contains("[10, \"OPTIMIZE\"]", "[11, \"OPTIMIZE\"]");

      VacuumResult vacuumed = t.vacuum(VacuumOptions.defaults().retain(java.time.Duration.ZERO).allowShortRetention(true));
      assertThat(vacuumed.filesDeleted()).isPositive();
      assertThat(sparkRows(t.path(), -1)).isEqualTo(LakeText.rows(t.snapshot()));
      assertThat(sparkRows(t.path(), -1)).hasSize(60 - 3 + 1 - 1);

      // Spark compacts and Z-orders lake's table; lake reads what Spark reads and writes on.
      String tbl = SparkProcess.table(t.path());
      spark.exec("OPTIMIZE " + tbl + " ZORDER BY (amount)");
      assertThat(t.latestVersion()).isEqualTo(12);
      assertThat(LakeText.rows(t.snapshot())).isEqualTo(sparkRows(t.path(), -1));
      committed(t.insert(List.<Object[]>of(new Object[] {500L, "west", BigDecimal.TEN.setScale(2), "after spark"})), 13);
      assertSameRows(t, 12, 13);
    }
  }

  @Test
  void jdbcWritesSparkReadsAndJdbcReadsSparkTables() throws Exception {
    Path loc = dir.resolve("jdbc");
    Files.createDirectories(loc);
    try (Connection c = DriverManager.getConnection("jdbc:lake:" + loc); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE orders (id BIGINT NOT NULL, customer VARCHAR, total DECIMAL(10,2), placed DATE, paid BOOLEAN, PRIMARY KEY (id))");
      s.executeUpdate("INSERT INTO orders VALUES (1, 'ann', 10.50, DATE '2024-01-02', true), (2, 'bob', 0.01, DATE '2024-01-03', false),"
          + " (3, 'cy', NULL, NULL, NULL), (4, 'dee', 99.99, DATE '1999-12-31', true)");
      s.executeUpdate("UPDATE orders SET total = total * 2, paid = true WHERE id = 2");
      s.executeUpdate("DELETE FROM orders WHERE id = 4");
      // The MERGE source is a table here; SqlSuiteTest covers VALUES sources.
      s.execute("CREATE TABLE changes (id BIGINT NOT NULL, customer VARCHAR, PRIMARY KEY (id))");
      s.executeUpdate("INSERT INTO changes VALUES (1, 'ann2'), (5, 'eve')");
      s.executeUpdate("MERGE INTO orders t USING changes u ON t.id = u.id"
          + " WHEN MATCHED THEN UPDATE SET customer = u.customer WHEN NOT MATCHED THEN INSERT (id, customer) VALUES (u.id, u.customer)");
      try (Lake lake = Lake.open(loc.toString())) {
        Table t = lake.table("orders");
        assertThat(t.latestVersion()).isEqualTo(4);
        assertSameRows(t, 0, 4);
        assertThat(LakeText.jdbcRows(c, "SELECT * FROM orders")).isEqualTo(LakeText.rows(t.snapshot())).hasSize(4);

        // A table Spark wrote, read through the driver.
        String sp = loc.resolve("from_spark").toString();
        spark.exec("CREATE TABLE " + SparkProcess.table(sp) + " (id BIGINT, name STRING, amount DECIMAL(10,2), day DATE, ok BOOLEAN) USING delta PARTITIONED BY (day)",
            "INSERT INTO " + SparkProcess.table(sp) + " VALUES (1, 'a', 1.25, DATE'2024-05-01', true), (2, NULL, NULL, NULL, NULL), (3, 'c', -3.00, DATE'2024-05-01', false)",
            "DELETE FROM " + SparkProcess.table(sp) + " WHERE id = 3");
        assertThat(LakeText.jdbcRows(c, "SELECT * FROM from_spark")).isEqualTo(sparkRows(sp, -1)).hasSize(2);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Spark writes, lake reads

  static final String SPARK_TYPES =
      "id BIGINT, b TINYINT, sm SMALLINT, i INT, f FLOAT, d DOUBLE, s STRING, bin BINARY, flag BOOLEAN, dt DATE,"
          + " ts TIMESTAMP, ntz TIMESTAMP_NTZ, dec DECIMAL(38,10), small DECIMAL(5,2), arr ARRAY<STRING>, m MAP<STRING, INT>,"
          + " st STRUCT<a: INT, days: ARRAY<DATE>, inner: STRUCT<x: DOUBLE>>";

  static final String SPARK_VALUES =
      "(1, -128, 32767, -2147483648, CAST('NaN' AS FLOAT), -0.0D, 'héllo ✓ \"q\", x', X'00FF10', true, DATE'2024-02-29',"
          + " TIMESTAMP'2024-01-31 12:34:56.123456', TIMESTAMP_NTZ'2024-01-31 12:34:56.123456', 12345678901234567890.0123456789, -999.99,"
          + " array('a', NULL, ''), map('k', 1, 'none', NULL), named_struct('a', 1, 'days', array(DATE'2000-01-01'), 'inner', named_struct('x', 1.5D))),"
          + " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
          + " (3, 127, -1, 7, 1.5, 1e300, '', X'', false, DATE'1970-01-01', TIMESTAMP'1970-01-01 00:00:00', TIMESTAMP_NTZ'2000-01-01 00:00:00.000001', 0.0000000001, 0.00,"
          + " array(), map(), named_struct('a', NULL, 'days', NULL, 'inner', NULL))";

  @Test
  void lakeReadsPlainAndPartitionedSparkTables() {
    Path loc = dir.resolve("spark-plain");
    String plain = loc.resolve("plain").toString();
    spark.exec("CREATE TABLE " + SparkProcess.table(plain) + " (" + SPARK_TYPES + ") USING delta",
        "INSERT INTO " + SparkProcess.table(plain) + " VALUES " + SPARK_VALUES);
    String parted = loc.resolve("parted").toString();
    spark.exec("CREATE TABLE " + SparkProcess.table(parted) + " (id BIGINT, p STRING, q INT, v DOUBLE) USING delta PARTITIONED BY (p, q)",
        "INSERT INTO " + SparkProcess.table(parted) + " VALUES (1, 'a b', 1, 1.0), (2, 'x/y=z%', NULL, 2.0), (3, NULL, 3, NULL), (4, '', 4, 4.0)",
        "DELETE FROM " + SparkProcess.table(parted) + " WHERE q = 4",
        "UPDATE " + SparkProcess.table(parted) + " SET p = 'moved' WHERE id = 1");
    try (Lake lake = Lake.open(loc.toString())) {
      Table t = lake.table("plain");
      assertThat(LakeText.rows(t.snapshot())).hasSize(3);
      Table p = lake.table("parted");
      assertThat(p.snapshot().partitionColumns()).containsExactly("p", "q");
      // ... and lake writes into Spark's tables (no special feature on them).
      committed(p.insert(List.<Object[]>of(new Object[] {5L, "lake", 5, 5.5})), 4);
      committed(p.delete(Predicate.eq("id", 2L)), 5);
      committed(t.update(Predicate.eq("id", 3L), Map.of("s", "lake")), 2);
      assertSameRows(p, 0, 5);
      assertSameRows(t, 1, 2);
    }
  }

  @Test
  void deletionVectorsAreAppliedAndLakeRewritesDvFilesCorrectly() {
    Path loc = dir.resolve("spark-dv");
    String path = loc.resolve("dv").toString();
    String tbl = SparkProcess.table(path);
    spark.exec("CREATE TABLE " + tbl + " (id BIGINT, s STRING, n INT) USING delta TBLPROPERTIES ('delta.enableDeletionVectors' = 'true')",
        "INSERT INTO " + tbl + " SELECT id, concat('r', id), CAST(id % 7 AS INT) FROM range(0, 40, 1, 1)",
        "DELETE FROM " + tbl + " WHERE id % 3 = 0",
        "UPDATE " + tbl + " SET s = 'updated' WHERE id < 10");
    DeltaLogFiles log = new DeltaLogFiles(loc.resolve("dv"));
    assertThat(log.action(2, "add")).as("Spark wrote the DELETE as a deletion vector").isNotNull();
    assertThat(log.action(2, "add").get("deletionVector")).isNotNull();
    try (Lake lake = Lake.open(loc.toString())) {
      Table t = lake.table("dv");
      assertThat(LakeText.rows(t.snapshot())).hasSize(26);
      // lake's own copy-on-write changes on files that carry deletion vectors: the survivors
      // are read with the DV applied, and the remove action names the DV, so readers drop the
      // old (file, DV) pair. Spark must see exactly what lake sees.
      committed(t.insert(List.<Object[]>of(new Object[] {100L, "lake", 1})), 4);
      committed(t.delete(Predicate.eq("id", 11L)), 5);
      committed(t.update(Predicate.lt("id", 5L), Map.of("s", "lake update")), 6);
      committed(t.merge(MergeBatch.on("id").delete(13L, null, null)), 7);
      // Spark deletes again after lake's rewrite: a new DV on lake's file.
      spark.exec("DELETE FROM " + tbl + " WHERE id = 100 OR id = 20");
      assertSameRows(t, 0, 8);
      assertThat(LakeText.rows(t.snapshot())).hasSize(23);
      assertJdbcSeesLake(loc, t, "id, s, n");

      // OPTIMIZE purges the deletion vectors: the files that carry one are rewritten without
      // their deleted rows; no live file keeps a DV, and Spark still reads the same rows.
      assertThat(t.snapshot().dataFiles()).anySatisfy(f -> assertThat(f.scanFile().hasDeletionVector()).isTrue());
      OptimizeResult purged = t.optimize(OptimizeOptions.defaults());
      assertThat(purged.committed()).isTrue();
      assertThat(purged.version()).isEqualTo(9);
      assertThat(t.snapshot().dataFiles()).allSatisfy(f -> assertThat(f.scanFile().hasDeletionVector()).isFalse());
      assertSameRows(t, 8, 9);
    }
  }

  @Test
  void columnMappingByNameAndByIdWithRenamedAndDroppedColumns() {
    for (String mode : List.of("name", "id")) {
      Path loc = dir.resolve("spark-cm-" + mode);
      String path = loc.resolve("cm").toString();
      String tbl = SparkProcess.table(path);
      spark.exec("CREATE TABLE " + tbl + " (id BIGINT, old_name STRING, gone INT, st STRUCT<a: INT, b: STRING>) USING delta PARTITIONED BY (id)"
              + " TBLPROPERTIES ('delta.columnMapping.mode' = '" + mode + "')",
          "INSERT INTO " + tbl + " VALUES (1, 'a', 10, named_struct('a', 1, 'b', 'x')), (2, 'b', 20, NULL)",
          "ALTER TABLE " + tbl + " RENAME COLUMN old_name TO new_name",
          "ALTER TABLE " + tbl + " DROP COLUMN gone",
          "ALTER TABLE " + tbl + " RENAME COLUMN st.b TO renamed_b",
          "INSERT INTO " + tbl + " VALUES (3, 'c', named_struct('a', 3, 'renamed_b', 'z'))");
      try (Lake lake = Lake.open(loc.toString())) {
        Table t = lake.table("cm");
        // One query per schema: before the rename, after the drop, after the nested rename.
        for (long v : new long[] {1, 3, 5}) {
          assertSameRows(t, v, v);
        }
        assertThat(t.snapshot().schema().columnNames()).containsExactly("id", "new_name", "st");
        assertJdbcSeesLake(loc, t, "id, new_name");
        // Kernel 4.4 cannot write column-mapped tables yet, and lake's own schema change does not
        // assign column ids and physical names: all three are refused, nothing committed.
        assertRefused(t, "column mapping", () -> t.insert(List.<Object[]>of(new Object[] {4L, "lake", List.of(4, "w")})));
        assertRefused(t, "column mapping", () -> t.update(Predicate.eq("id", 1L), Map.of("new_name", "lake")));
        assertRefused(t, "column mapping",
            () -> t.addColumns(TypeParser.parseColumns("extra STRING").fields()));
      }
    }
  }

  @Test
  void classicAndV2CheckpointsWrittenBySpark() {
    Path loc = dir.resolve("spark-cp");
    for (String kind : List.of("classic", "v2")) {
      String path = loc.resolve(kind).toString();
      String tbl = SparkProcess.table(path);
      String props = "'delta.checkpointInterval' = '2'" + (kind.equals("v2") ? ", 'delta.checkpointPolicy' = 'v2'" : "");
      spark.exec("CREATE TABLE " + tbl + " (id BIGINT, s STRING) USING delta TBLPROPERTIES (" + props + ")");
      for (int i = 0; i < 3; i++) {
        spark.exec("INSERT INTO " + tbl + " VALUES (" + i + ", 's" + i + "')");
      }
      spark.exec("DELETE FROM " + tbl + " WHERE id = 1");
      DeltaLogFiles log = new DeltaLogFiles(loc.resolve(kind));
      assertThat(log.fileNames()).anyMatch(f -> f.contains(".checkpoint."));
      if (kind.equals("v2")) {
        // A v2 checkpoint is named with a UUID (and may point to sidecar files).
        assertThat(log.fileNames()).anyMatch(f -> f.matches("\\d{20}\\.checkpoint\\.[0-9a-f-]{36}\\.(json|parquet)"));
      }
      try (Lake lake = Lake.open(loc.toString())) {
        Table t = lake.table(kind);
        committed(t.insert(List.<Object[]>of(new Object[] {10L, "lake"})), 5);
        committed(t.delete(Predicate.eq("id", 2L)), 6);
        assertSameRows(t, 0, 6);
        assertJdbcSeesLake(loc, t, "id, s");
      }
    }
  }

  @Test
  void typeWideningTimestampNtzAndVariant() throws Exception {
    Path loc = dir.resolve("spark-types");
    String widened = loc.resolve("widened").toString();
    spark.exec("CREATE TABLE " + SparkProcess.table(widened) + " (id INT, small SMALLINT, ntz TIMESTAMP_NTZ) USING delta"
            + " TBLPROPERTIES ('delta.enableTypeWidening' = 'true')",
        "INSERT INTO " + SparkProcess.table(widened) + " VALUES (1, 1, TIMESTAMP_NTZ'2024-01-01 10:00:00.5')",
        "ALTER TABLE " + SparkProcess.table(widened) + " ALTER COLUMN small TYPE INT",
        "INSERT INTO " + SparkProcess.table(widened) + " VALUES (2, 2000000000, NULL)");
    String variant = loc.resolve("variant").toString();
    spark.exec("CREATE TABLE " + SparkProcess.table(variant) + " (id INT, v VARIANT) USING delta",
        "INSERT INTO " + SparkProcess.table(variant) + " VALUES (1, parse_json('{\"a\": 1}'))");
    try (Lake lake = Lake.open(loc.toString())) {
      Table w = lake.table("widened");
      assertSameRows(w, 1, 1);
      assertSameRows(w, 3, 3);
      // Kernel writes into type-widened tables (the data is written in the current type).
      committed(w.insert(List.<Object[]>of(new Object[] {3, 3, null})), 4);
      assertSameRows(w, 3, 4);
      // lake's ADD COLUMNS keeps the type-change history (delta.typeChanges) of the other fields.
      committed(w.addColumns(TypeParser.parseColumns("extra STRING").fields()), 5);
      committed(w.insert(List.<Object[]>of(new Object[] {4, 4, null, "x"})), 6);
      assertSameRows(w, 5, 6);
      assertThat(Files.readString(dir.resolve("spark-types/widened/_delta_log/00000000000000000005.json")))
          .contains("typeChanges");

      assertThatThrownBy(() -> LakeText.rows(lake.table("variant").snapshot()))
          .isInstanceOf(UnsupportedFeatureException.class)
          .hasMessageContaining("variant");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Features lake cannot write: refused, nothing committed

  @Test
  void writerFeaturesLakeCannotHonourAreRefused() {
    Path loc = dir.resolve("spark-refuse");
    // outcome: one letter per lake operation (insert, delete, update): W = written (and Spark
    // reads what lake reads), R = refused naming `names` (and nothing committed).
    record Case(String name, String names, String outcome, String ddl, String after) {}
    List<Case> cases = List.of(
        new Case("checks", "checkConstraints", "RRR", "(id BIGINT, n INT) USING delta", "ALTER TABLE %s ADD CONSTRAINT positive CHECK (n > 0)"),
        new Case("generated", "generatedColumns", "RRR", "(id BIGINT, n INT, twice INT GENERATED ALWAYS AS (n * 2)) USING delta", null),
        new Case("identity", "identityColumns", "RRR", "(id BIGINT, n INT, ident BIGINT GENERATED ALWAYS AS IDENTITY) USING delta", null),
        new Case("appendonly", "appendOnly", "WRR", "(id BIGINT, n INT) USING delta TBLPROPERTIES ('delta.appendOnly' = 'true')", null),
        new Case("cdf", "changeDataFeed", "WRR", "(id BIGINT, n INT) USING delta TBLPROPERTIES ('delta.enableChangeDataFeed' = 'true')", null),
        // Column defaults only matter when rows are added: a DELETE is fine.
        new Case("defaults", "Default", "RWR",
            "(id BIGINT, n INT DEFAULT 42) USING delta TBLPROPERTIES ('delta.feature.allowColumnDefaults' = 'supported')", null),
        new Case("rowtracking", "rowTracking", "WRR", "(id BIGINT, n INT) USING delta TBLPROPERTIES ('delta.enableRowTracking' = 'true')", null));
    for (Case c : cases) {
      String path = loc.resolve(c.name).toString();
      String tbl = SparkProcess.table(path);
      spark.exec("CREATE TABLE " + tbl + " " + c.ddl);
      if (c.after != null) {
        spark.exec(String.format(c.after, tbl));
      }
      spark.exec("INSERT INTO " + tbl + " (id, n) VALUES (1, 10), (2, 20)");
    }
    try (Lake lake = Lake.open(loc.toString())) {
      for (Case c : cases) {
        Table t = lake.table(c.name);
        Object[] row = new Object[t.snapshot().schema().size()];
        row[0] = 3L;
        row[1] = -5;
        List<java.util.function.Supplier<CommitResult>> ops = List.of(
            () -> t.insert(List.<Object[]>of(row)),
            () -> t.delete(Predicate.eq("id", 1L)),
            () -> t.update(Predicate.eq("id", 2L), Map.of("n", 21)));
        for (int i = 0; i < ops.size(); i++) {
          if (c.outcome.charAt(i) == 'W') {
            assertThat(ops.get(i).get().committed()).isTrue();
          } else {
            int k = i;
            assertRefused(t, c.names, () -> ops.get(k).get());
          }
        }
        // Spark agrees with lake on every version: Spark's rows, lake's writes, no refused commit.
        assertSameRows(t, 1, t.latestVersion());
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * A lake write refused with an {@link UnsupportedFeatureException} whose message names the
   * feature: the table's version is unchanged and Spark reads the same rows as before.
   */
  private static void assertRefused(Table t, String feature, Runnable write) {
    long before = t.latestVersion();
    List<String> rowsBefore = LakeText.rows(t.snapshot());
    assertThatThrownBy(write::run)
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageContaining(t.name())
        .message()
        .containsIgnoringCase(feature);
    assertThat(t.latestVersion()).as("version of %s after a refused write", t.name()).isEqualTo(before);
    assertThat(LakeText.rows(t.snapshot())).isEqualTo(rowsBefore);
  }

  private static void committed(CommitResult r, long version) {
    assertThat(r.committed()).isTrue();
    assertThat(r.version()).isEqualTo(version);
  }

  /** Spark's rows of the table at {@code version} (-1: the latest). */
  static List<String> sparkRows(String path, long version) {
    return spark.rows("SELECT * FROM " + SparkProcess.table(path) + (version < 0 ? "" : " VERSION AS OF " + version));
  }

  /**
   * Spark and lake read the same rows at every version from {@code from} to {@code to}. One
   * Spark query (a UNION ALL of {@code VERSION AS OF}, each row tagged with its version): Spark
   * statements are what makes this suite slow. Versions must share one schema.
   */
  private static void assertSameRows(Table t, long from, long to) {
    StringBuilder q = new StringBuilder();
    for (long v = from; v <= to; v++) {
      q.append(v == from ? "" : " UNION ALL ")
          .append("SELECT ").append(v).append(" AS lake_version, * FROM ").append(SparkProcess.table(t.path()))
          .append(" VERSION AS OF ").append(v);
    }
    Map<Long, List<String>> bySpark = new java.util.TreeMap<>();
    for (String r : spark.rows(q.toString())) {
      int comma = r.indexOf(", ");
      long v = Long.parseLong(comma < 0 ? r.substring(1, r.length() - 1) : r.substring(1, comma));
      bySpark.computeIfAbsent(v, k -> new ArrayList<>()).add(comma < 0 ? "[]" : "[" + r.substring(comma + 2));
    }
    for (long v = from; v <= to; v++) {
      List<String> viaLake = LakeText.rows(t.snapshotAt(v));
      assertThat(bySpark.getOrDefault(v, List.of())).as("Spark's rows of %s at version %d (lake's: expected)", t.name(), v)
          .isEqualTo(viaLake);
    }
  }

  /** SQL through the JDBC driver reads the same rows (of these simple columns) as lake's scan. */
  private static void assertJdbcSeesLake(Path location, Table t, String columns) {
    try (Connection c = DriverManager.getConnection("jdbc:lake:" + location)) {
      List<String> cols = java.util.Arrays.stream(columns.split(",")).map(String::trim).toList();
      assertThat(LakeText.jdbcRows(c, "SELECT " + columns + " FROM " + t.name()))
          .as("JDBC rows of %s", t.name())
          .isEqualTo(LakeText.rows(t.snapshot(), cols));
    } catch (java.sql.SQLException e) {
      throw new AssertionError("JDBC read of " + t.name() + " failed", e);
    }
  }

  private static Object[] row(long id, int gen) {
    return AllTypes.row(id, gen);
  }

  private static Object[] keyOnly(long id) {
    return AllTypes.keyOnly(id);
  }
}
