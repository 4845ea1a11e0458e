package fraudrings.sparkengine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The integer aggregates per identifier kind that src/detect/kind-aggregates.ts counts over the
 * whole graph: accounts with the kind, accounts sharing a non-hub value of it, hubs, and the
 * histogram of shared non-hub values by account count. Exact integers (Spark SQL counts), so the
 * nightly job derives the same kind weights from them as from its own count.
 */
final class KindMeasure {
  private KindMeasure() {}

  /**
   * @param pairs distinct (account, identifier, kind)
   * @param counted (identifier, kind, accounts) for every identifier
   * @return one entry per kind id below {@code kinds}, each a JSON-ready map
   */
  static List<Map<String, Object>> of(Dataset<Row> pairs, Dataset<Row> counted, long hubMinAccounts, int kinds) {
    long[] accounts = new long[kinds];
    long[] sharing = new long[kinds];
    long[] hubs = new long[kinds];
    List<TreeMap<Long, Long>> sizes = new ArrayList<>();
    for (int k = 0; k < kinds; k++) sizes.add(new TreeMap<>());

    for (Row r : pairs.select("account", "kind").distinct().groupBy("kind").agg(count(lit(1))).collectAsList()) accounts[kind(r, kinds)] = r.getLong(1);
    Dataset<Row> sharedNonHub = counted.filter(col("accounts").geq(2).and(col("accounts").lt(hubMinAccounts)));
    for (Row r : pairs.join(sharedNonHub.select("identifier", "kind"), seq("identifier", "kind"))
        .select("account", "kind").distinct().groupBy("kind").agg(count(lit(1))).collectAsList()) sharing[kind(r, kinds)] = r.getLong(1);
    for (Row r : counted.filter(col("accounts").geq(hubMinAccounts)).groupBy("kind").agg(count(lit(1))).collectAsList()) hubs[kind(r, kinds)] = r.getLong(1);
    for (Row r : sharedNonHub.groupBy("kind", "accounts").agg(count(lit(1))).collectAsList()) sizes.get(kind(r, kinds)).put(r.getLong(1), r.getLong(2));

    List<Map<String, Object>> out = new ArrayList<>();
    for (int k = 0; k < kinds; k++) {
      List<Object> histogram = new ArrayList<>();
      for (Map.Entry<Long, Long> e : sizes.get(k).entrySet()) histogram.add(List.of(e.getKey(), e.getValue()));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("accounts", accounts[k]);
      m.put("sharingAccounts", sharing[k]);
      m.put("hubs", hubs[k]);
      m.put("sharedSizes", histogram);
      out.add(m);
    }
    return out;
  }

  private static int kind(Row r, int kinds) {
    int k = r.getInt(0);
    if (k < 0 || k >= kinds) throw new IllegalStateException("a link names kind " + k + ", outside the " + kinds + " kinds of kinds.json");
    return k;
  }

  private static scala.collection.Seq<String> seq(String... names) {
    return scala.collection.JavaConverters.asScalaBuffer(List.of(names)).toSeq();
  }
}
