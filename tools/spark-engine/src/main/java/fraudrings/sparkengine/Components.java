package fraudrings.sparkengine;

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
import scala.Tuple2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Connected components of accounts over the grouping edges (src, dst), by GraphX's
 * connectedComponents: label propagation of the smallest vertex id, so a component is named by
 * its smallest account key. Returns (id, component) for every account that has an edge.
 */
final class Components {
  private Components() {}

  static Dataset<Row> of(SparkSession spark, Dataset<Row> edges) {
    ClassTag<Object> any = ClassTag$.MODULE$.apply(Object.class);
    JavaRDD<Edge<Object>> edgeRdd = edges.javaRDD().map(r -> new Edge<>(r.getLong(0), r.getLong(1), (Object) Boolean.TRUE));
    // spilled to disk rather than recomputed when memory is short; Pregel checkpoints its graph
    // every spark.graphx.pregel.checkpointInterval iterations (SparkEngine sets 10), so a long
    // chain of iterations (a giant component's diameter) never grows an unbounded lineage
    Graph<Object, Object> graph = Graph.fromEdges(edgeRdd.rdd(), (Object) 0L, StorageLevel.MEMORY_AND_DISK(), StorageLevel.MEMORY_AND_DISK(), any, any);
    Graph<Object, Object> components = ConnectedComponents.run(graph, any, any);
    JavaRDD<Row> rows = components.vertices().toJavaRDD().map((Tuple2<Object, Object> v) -> RowFactory.create((Long) v._1(), (Long) v._2()));
    return spark.createDataFrame(rows, new StructType()
        .add("id", DataTypes.LongType, false)
        .add("component", DataTypes.LongType, false));
  }
}
