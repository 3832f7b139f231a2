package dev.lake.spark;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A Spark driver program that executes SQL statements read from stdin, one per line, in one
 * local SparkSession with Delta Lake, and answers on stdout:
 *
 * <ul>
 *   <li>{@code Q <sql>}: runs a query; prints {@code @@ROW <row>} per row (in
 *       {@link CanonicalText} form) and then {@code @@END <rows>};
 *   <li>{@code X <sql>}: runs a statement; prints {@code @@END 0};
 *   <li>{@code H <path>}: like Q, the (version, operation) rows of the table's history in
 *       version order, from {@code DESCRIBE HISTORY delta.`path`};
 *   <li>on failure: {@code @@ERR <exception class>: <message on one line>}.
 * </ul>
 *
 * Statements are single lines (newlines in SQL are not needed by the suites). Everything Spark
 * logs goes to stderr; only lines starting with {@code @@} are answers. It prints
 * {@code @@READY} once the session is up. It ends on end of input.
 */
public final class SparkRunner {
  private SparkRunner() {}

  public static void main(String[] args) throws Exception {
    // Keep the protocol stream clean: anything Spark or Delta might print goes to stderr.
    PrintStream answers = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("lake-spark-interop")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.default.parallelism", "2")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.datetime.java8API.enabled", "true")
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .config("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/lake-spark-warehouse")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.sql.adaptive.enabled", "false")
            // Small tables on a small, busy machine: compiling generated code costs more than it
            // saves, and Delta's log replay defaults to 50 partitions.
            .config("spark.sql.codegen.wholeStage", "false")
            .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
            .config("spark.databricks.delta.snapshotPartitions", "2")
            .getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    answers.println("@@READY " + spark.version());
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      String kind = line.substring(0, 1);
      String sql = line.substring(2);
      try {
        if (kind.equals("Q") || kind.equals("H")) {
          // H <path>: the table's history as Spark's DESCRIBE HISTORY shows it (version, operation).
          org.apache.spark.sql.Dataset<Row> df =
              kind.equals("Q")
                  ? spark.sql(sql)
                  : spark.sql("DESCRIBE HISTORY delta.`" + sql + "`").select("version", "operation").orderBy("version");
          Row[] rows = (Row[]) df.collect();
          for (Row r : rows) {
            answers.println("@@ROW " + CanonicalText.oneLine(CanonicalText.of(toJava(r))));
          }
          answers.println("@@END " + rows.length);
        } else {
          spark.sql(sql).collect();
          answers.println("@@END 0");
        }
      } catch (Throwable e) {
        answers.println("@@ERR " + CanonicalText.oneLine(e.getClass().getName() + ": " + e.getMessage()));
      }
    }
    spark.stop();
  }

  /** Spark's Scala values as the Java lists and maps {@link CanonicalText} knows. */
  static Object toJava(Object v) {
    if (v instanceof Row r) {
      List<Object> out = new ArrayList<>(r.size());
      for (int i = 0; i < r.size(); i++) {
        out.add(toJava(r.get(i)));
      }
      return out;
    }
    if (v instanceof scala.collection.Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      CollectionConverters.asJava(m).forEach((k, val) -> out.put(toJava(k), toJava(val)));
      return out;
    }
    if (v instanceof scala.collection.Iterable<?> s) {
      List<Object> out = new ArrayList<>();
      CollectionConverters.asJava(s).forEach(e -> out.add(toJava(e)));
      return out;
    }
    return v;
  }
}
