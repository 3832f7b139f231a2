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
 *       merge through the engine and through the JDBC driver) read by Spark at every version,
 *       with Spark's history showing lake's commits, and Spark writing into them;
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
          TableDefinition.of(TypeParser.parseColumns(KernelReaderInteropIT.ALL_TYPES)).withPrimaryKey("id"));
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

      for (long v = 0; v <= 6; v++) {
        assertSparkSeesLake(t, v);
      }
      assertThat(sparkRows(t.path(), -1)).hasSize(38);

      // Spark's history (DESCRIBE HISTORY's source) lists lake's commits with lake's operations.
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
      for (long v = 0; v <= 4; v++) {
        assertSparkSeesLake(t, v);
      }

      // Spark writes into lake's table: append, update, delete — and lake reads what Spark reads.
      String tbl = SparkProcess.table(t.path());
      spark.exec("INSERT INTO " + tbl + " VALUES ('spark', DATE'2024-03-01', 1000, 1.50, 'from spark'), (NULL, NULL, 1001, NULL, NULL)");
      assertLakeSeesSpark(t, 5);
      spark.exec("UPDATE " + tbl + " SET note = 'spark update', amount = amount + 1 WHERE id < 10");
      assertLakeSeesSpark(t, 6);
      spark.exec("DELETE FROM " + tbl + " WHERE id = 7 OR region = 'a:b'");
      assertLakeSeesSpark(t, 7);
      // The primary key survives Spark's commits (it is a table property), and lake writes on.
      assertThat(t.snapshot().primaryKey()).containsExactly("id");
      committed(t.insert(List.<Object[]>of(new Object[] {"spark", LocalDate.of(2024, 3, 1), 1002L, BigDecimal.ONE.setScale(2), "lake again"})), 8);
      committed(t.delete(Predicate.eq("id", 1000L)), 9);
      committed(t.merge(MergeBatch.onPrimaryKey().upsert(new Object[] {"x", null, 1001L, null, "merged"})), 10);
      for (long v = 8; v <= 10; v++) {
        assertSparkSeesLake(t, v);
      }
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
      s.executeUpdate("MERGE INTO orders t USING (VALUES (1, 'ann2'), (5, 'eve')) AS u(id, customer) ON t.id = u.id"
          + " WHEN MATCHED THEN UPDATE SET customer = u.customer WHEN NOT MATCHED THEN INSERT (id, customer) VALUES (u.id, u.customer)");
      try (Lake lake = Lake.open(loc.toString())) {
        Table t = lake.table("orders");
        assertThat(t.latestVersion()).isEqualTo(4);
        for (long v = 0; v <= 4; v++) {
          assertSparkSeesLake(t, v);
        }
        assertThat(LakeText.jdbcRows(c, "SELECT * FROM orders")).isEqualTo(sparkRows(t.path(), -1));

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
      assertLakeSeesSpark(t, 1);
      assertThat(LakeText.rows(t.snapshot())).hasSize(3);
      Table p = lake.table("parted");
      for (long v = 0; v <= 3; v++) {
        assertLakeSeesSpark(p, v);
      }
      assertThat(p.snapshot().partitionColumns()).containsExactly("p", "q");
      // ... and lake writes into Spark's tables (no special feature on them).
      committed(p.insert(List.<Object[]>of(new Object[] {5L, "lake", 5, 5.5})), 4);
      committed(p.delete(Predicate.eq("id", 2L)), 5);
      committed(t.update(Predicate.eq("id", 3L), Map.of("s", "lake")), 2);
      assertSparkSeesLake(p, 5);
      assertSparkSeesLake(t, 2);
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
      for (long v = 0; v <= 3; v++) {
        assertLakeSeesSpark(t, v);
      }
      assertThat(LakeText.rows(t.snapshot())).hasSize(26);
      // lake's own copy-on-write changes on files that carry deletion vectors: the survivors
      // are read with the DV applied, and the remove action names the DV, so readers drop the
      // old (file, DV) pair. Spark must see exactly what lake sees.
      committed(t.insert(List.<Object[]>of(new Object[] {100L, "lake", 1})), 4);
      committed(t.delete(Predicate.eq("id", 11L)), 5);
      committed(t.update(Predicate.lt("id", 5L), Map.of("s", "lake update")), 6);
      committed(t.merge(MergeBatch.on("id").delete(13L, null, null)), 7);
      for (long v = 4; v <= 7; v++) {
        assertSparkSeesLake(t, v);
      }
      assertThat(sparkRows(t.path(), -1)).hasSize(25);
      // Spark deletes again after lake's rewrite: a new DV on lake's file.
      spark.exec("DELETE FROM " + tbl + " WHERE id = 100 OR id = 20");
      assertLakeSeesSpark(t, 8);
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
        for (long v = 0; v <= 5; v++) {
          assertLakeSeesSpark(t, v);
        }
        assertThat(t.snapshot().schema().columnNames()).containsExactly("id", "new_name", "st");
        // lake writes through Kernel, which writes the physical names: Spark sees the rows.
        assertWritesOrRefuses(t, "columnMapping", () -> t.insert(List.<Object[]>of(new Object[] {4L, "lake", List.of(4, "w")})));
        assertWritesOrRefuses(t, "columnMapping", () -> t.update(Predicate.eq("id", 1L), Map.of("new_name", "lake")));
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
      for (int i = 0; i < 5; i++) {
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
        for (long v = 0; v <= 6; v++) {
          assertLakeSeesSpark(t, v);
        }
        committed(t.insert(List.<Object[]>of(new Object[] {10L, "lake"})), 7);
        committed(t.delete(Predicate.eq("id", 2L)), 8);
        assertSparkSeesLake(t, 8);
      }
    }
  }

  @Test
  void typeWideningTimestampNtzAndVariant() {
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
      for (long v = 0; v <= 3; v++) {
        assertLakeSeesSpark(w, v);
      }
      assertWritesOrRefuses(w, "typeWidening", () -> w.insert(List.<Object[]>of(new Object[] {3, 3, null})));

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
    record Case(String name, String feature, String ddl, String after) {}
    List<Case> cases = List.of(
        new Case("checks", "checkConstraints", "(id BIGINT, n INT) USING delta", "ALTER TABLE %s ADD CONSTRAINT positive CHECK (n > 0)"),
        new Case("generated", "generatedColumns", "(id BIGINT, n INT, twice INT GENERATED ALWAYS AS (n * 2)) USING delta", null),
        new Case("identity", "identityColumns", "(id BIGINT, n INT, ident BIGINT GENERATED ALWAYS AS IDENTITY) USING delta", null),
        new Case("appendonly", "appendOnly", "(id BIGINT, n INT) USING delta TBLPROPERTIES ('delta.appendOnly' = 'true')", null),
        new Case("cdf", "changeDataFeed", "(id BIGINT, n INT) USING delta TBLPROPERTIES ('delta.enableChangeDataFeed' = 'true')", null),
        new Case("defaults", "allowColumnDefaults",
            "(id BIGINT, n INT DEFAULT 42) USING delta TBLPROPERTIES ('delta.feature.allowColumnDefaults' = 'supported')", null),
        new Case("rowtracking", "rowTracking", "(id BIGINT, n INT) USING delta TBLPROPERTIES ('delta.enableRowTracking' = 'true')", null));
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
        long version = t.latestVersion();
        assertLakeSeesSpark(t, version);
        int width = t.snapshot().schema().size();
        Object[] row = new Object[width];
        row[0] = 3L;
        row[1] = -5;
        assertWritesOrRefuses(t, c.feature, () -> t.insert(List.<Object[]>of(row)));
        assertWritesOrRefuses(t, c.feature, () -> t.delete(Predicate.eq("id", 1L)));
        assertWritesOrRefuses(t, c.feature, () -> t.update(Predicate.eq("id", 2L), Map.of("n", 21)));
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * A lake write into a table with {@code feature}: either it commits and Spark then reads
   * exactly what lake reads, or it is refused with an {@link UnsupportedFeatureException} that
   * names the feature, the table's version is unchanged and Spark reads the same rows as before.
   */
  private static void assertWritesOrRefuses(Table t, String feature, java.util.function.Supplier<CommitResult> write) {
    long before = t.latestVersion();
    List<String> rowsBefore = sparkRows(t.path(), before);
    CommitResult r;
    try {
      r = write.get();
    } catch (UnsupportedFeatureException e) {
      System.out.println("refused (" + feature + "): " + e.getMessage());
      assertThat(e.getMessage()).containsIgnoringCase(feature);
      assertThat(t.latestVersion()).isEqualTo(before);
      assertThat(sparkRows(t.path(), -1)).isEqualTo(rowsBefore);
      return;
    }
    assertThat(r.committed()).isTrue();
    System.out.println("written (" + feature + "): version " + r.version());
    assertSparkSeesLake(t, r.version());
  }

  private static void committed(CommitResult r, long version) {
    assertThat(r.committed()).isTrue();
    assertThat(r.version()).isEqualTo(version);
  }

  /** Spark's rows of the table at {@code version} (-1: the latest). */
  static List<String> sparkRows(String path, long version) {
    return spark.rows("SELECT * FROM " + SparkProcess.table(path) + (version < 0 ? "" : " VERSION AS OF " + version));
  }

  private static void assertSparkSeesLake(Table t, long version) {
    List<String> viaLake = LakeText.rows(t.snapshotAt(version));
    assertThat(sparkRows(t.path(), version)).as("Spark's rows of %s at version %d", t.name(), version).isEqualTo(viaLake);
  }

  private static void assertLakeSeesSpark(Table t, long version) {
    List<String> viaSpark = sparkRows(t.path(), version);
    assertThat(LakeText.rows(t.snapshotAt(version))).as("lake's rows of %s at version %d", t.name(), version).isEqualTo(viaSpark);
  }

  private static Object[] row(long id, int gen) {
    return KernelReaderInteropIT.row(id, gen);
  }

  private static Object[] keyOnly(long id) {
    return KernelReaderInteropIT.keyOnly(id);
  }
}
