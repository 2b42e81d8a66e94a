// The bench's worker: scripts/worker.ts as `npm run worker` runs it, under a name of its own,
// so a `pkill -f scripts/worker.ts` elsewhere on a shared machine does not stop a measurement.
import "../../scripts/worker";
