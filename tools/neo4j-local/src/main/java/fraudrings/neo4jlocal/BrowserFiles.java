package fraudrings.neo4jlocal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import javax.ws.rs.GET;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.Response;

/**
 * Serves the project's Neo4j Browser files (queries/browser: the guide and the style) at
 * {@code /fraud-rings/<file>} on the HTTP port, so Browser can load them by URL ({@code :guide},
 * {@code :style}). Read from disk on every request: an edited guide shows on the next {@code :guide}.
 */
@javax.ws.rs.Path("/")
public final class BrowserFiles {
    /** Mount point of this extension on the HTTP connector. */
    public static final String MOUNT = "/fraud-rings";

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+\\.(html|grass)");
    private static volatile Path dir;

    /** Where the files are; set once by the launcher before the server starts. */
    static void serveFrom(Path folder) {
        dir = folder;
    }

    @GET
    @javax.ws.rs.Path("{name}")
    public Response get(@PathParam("name") String name) throws IOException {
        Path folder = dir;
        if (folder == null || !NAME.matcher(name).matches()) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        Path file = folder.resolve(name);
        if (!Files.isRegularFile(file)) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        String type = name.endsWith(".html") ? "text/html; charset=utf-8" : "text/plain; charset=utf-8";
        return Response.ok(Files.readAllBytes(file), type)
                // Browser may be opened as localhost while the URLs name 127.0.0.1
                .header("Access-Control-Allow-Origin", "*")
                .header("Cache-Control", "no-cache")
                .build();
    }
}
