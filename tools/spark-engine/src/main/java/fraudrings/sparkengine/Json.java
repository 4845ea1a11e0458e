package fraudrings.sparkengine;

import java.util.Map;
import java.util.stream.Collectors;

/** The result line's JSON: string, number, list and nested-object values only. */
final class Json {
  private Json() {}

  static String object(Map<String, Object> map) {
    return map.entrySet().stream().map(e -> string(e.getKey()) + ":" + value(e.getValue())).collect(Collectors.joining(",", "{", "}"));
  }

  @SuppressWarnings("unchecked")
  private static String value(Object v) {
    if (v instanceof Map<?, ?> m) return object((Map<String, Object>) m);
    if (v instanceof java.util.List<?> l) return l.stream().map(Json::value).collect(Collectors.joining(",", "[", "]"));
    if (v instanceof Number) return v.toString();
    return string(String.valueOf(v));
  }

  private static String string(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }
}
