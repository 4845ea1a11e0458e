// The hash a Maven-built tool (tools/neo4j-local, tools/spark-engine) is rebuilt on: its pom.xml
// and every file under its src/, by path and content.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Hash of everything the tool in `toolDir` builds from: rebuild when it changes. */
export function mavenSourceHash(toolDir) {
  const h = createHash('sha256');
  const files = [path.join(toolDir, 'pom.xml')];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk(path.join(toolDir, 'src'));
  for (const f of files.sort()) h.update(path.relative(toolDir, f)).update('\0').update(fs.readFileSync(f)).update('\0');
  return h.digest('hex');
}
