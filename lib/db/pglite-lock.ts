// The embedded database's one owner. PGlite keeps a PostgreSQL data folder that only one
// process may open: a second one (`npm run editor:add` while the server runs, say) reads
// and writes it behind the first one's back and can corrupt it. The process that opens the
// folder first holds a lock file next to it, with its pid inside; any other is refused.
import fs from "node:fs";
import path from "node:path";

export class EmbeddedDatabaseInUse extends Error {
  constructor(
    readonly folder: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database (${folder}) is in use by another Lede process (pid ${pid}): stop the server first, or set DATABASE_URL.`,
    );
    this.name = "EmbeddedDatabaseInUse";
  }
}

/** How the folder is named to people: relative to the working folder when inside it. */
function shown(dir: string): string {
  const rel = path.relative(process.cwd(), dir);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : dir;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}

/** The pid in a lock file: undefined when there is no file, null while it is still empty. */
function ownerOf(file: string): number | null | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

/** Creates `file` holding our pid, only if it does not exist (O_CREAT | O_EXCL). */
function create(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, "wx");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  }
  try {
    fs.writeSync(fd, `${process.pid}\n`);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

const ageMs = (file: string) => Date.now() - (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Takes the lock of the PGlite folder `dir` for this process, or throws
 * EmbeddedDatabaseInUse naming the live process that holds it. A lock whose process is
 * gone (killed, crashed) is taken over; removing it is itself guarded by a second
 * exclusive file, so two processes taking over the same stale lock cannot both win.
 * Returns the release, which also runs when the process exits.
 */
export function lockEmbeddedDatabase(dir: string): () => void {
  const file = `${dir}.lock`;
  const takeover = `${file}.takeover`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const release = () => {
    process.off("exit", release);
    if (ownerOf(file) === process.pid) fs.rmSync(file, { force: true });
  };
  for (let attempt = 0; attempt < 200; attempt++) {
    if (create(file)) {
      process.on("exit", release);
      return release;
    }
    const owner = ownerOf(file);
    if (owner === undefined) continue; // released meanwhile
    if (owner !== null && owner !== process.pid && alive(owner)) throw new EmbeddedDatabaseInUse(shown(dir), owner);
    // Empty: its writer is between creating and writing it, unless it died right there.
    if (owner === null && ageMs(file) < 2000) {
      pause(10);
      continue;
    }
    if (create(takeover)) {
      try {
        if (ownerOf(file) === owner) fs.rmSync(file, { force: true });
      } finally {
        fs.rmSync(takeover, { force: true });
      }
    } else {
      // Someone else is taking it over; a takeover left by a process that died is cleared.
      if (ageMs(takeover) > 5000) fs.rmSync(takeover, { force: true });
      pause(10);
    }
  }
  throw new Error(`Could not take the lock ${file}; remove it if no Lede process is running.`);
}
