package fraudrings.sparkengine;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.graphx.Edge;
import org.apache.spark.graphx.Graph;
import org.apache.spark.graphx.lib.ConnectedComponents;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.graphframes.GraphFrame;
import scala.Tuple2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Connected components of accounts over the grouping edges, by the engine's own algorithms:
 * GraphFrames' (large-star / small-star with checkpoints, the default) or GraphX's Pregel one.
 * Both name a component by its smallest account key. Returns (id, component) for the accounts
 * that have an edge (GraphX) or for every vertex (GraphFrames).
 */
final class Components {
  private Components() {}

  static Dataset<Row> of(SparkSession spark, String algorithm, Dataset<Row> vertices, Dataset<Row> edges) {
    return algorithm.equals("graphx") ? graphx(spark, edges) : graphframes(vertices, edges);
  }

  private static Dataset<Row> graphframes(Dataset<Row> vertices, Dataset<Row> edges) {
    GraphFrame graph = GraphFrame.apply(vertices, edges);
    // the setters return their trait's type (Scala), so they are called one by one
    org.graphframes.lib.ConnectedComponents cc = graph.connectedComponents();
    cc.setAlgorithm("graphframes");
    cc.setUseLabelsAsComponents(true);
    Dataset<Row> labelled = cc.run();
    return labelled.select(col("id"), col("component"));
  }

  private static Dataset<Row> graphx(SparkSession spark, Dataset<Row> edges) {
    ClassTag<Object> any = ClassTag$.MODULE$.apply(Object.class);
    JavaRDD<Edge<Object>> edgeRdd = edges.javaRDD().map(r -> new Edge<>(r.getLong(0), r.getLong(1), (Object) Boolean.TRUE));
    Graph<Object, Object> graph = Graph.fromEdges(edgeRdd.rdd(), (Object) 0L, StorageLevel.MEMORY_AND_DISK(), StorageLevel.MEMORY_AND_DISK(), any, any);
    Graph<Object, Object> components = ConnectedComponents.run(graph, any, any);
    JavaRDD<Row> rows = components.vertices().toJavaRDD().map((Tuple2<Object, Object> v) -> RowFactory.create((Long) v._1(), (Long) v._2()));
    return spark.createDataFrame(rows, new StructType()
        .add("id", DataTypes.LongType, false)
        .add("component", DataTypes.LongType, false));
  }
}
