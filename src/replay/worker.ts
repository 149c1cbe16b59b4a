// A replay worker thread: compiles the policies the main thread posted once, then replays the
// files the pool posts, buffering each file's output so the main thread can print files in order.
import { parentPort, workerData } from "node:worker_threads";
import { createEngine, type Engine } from "./engine.js";
import { replayFile } from "./file.js";
import { fromPortable } from "./portable.js";
import type { FileJob, FromWorker, WorkerSetup } from "./protocol.js";

function post(message: FromWorker): void {
  parentPort?.postMessage(message);
}

function start({ settings, policies }: WorkerSetup): void {
  let engine: Engine;
  try {
    engine = createEngine(policies.map(fromPortable), settings);
  } catch (cause) {
    post({ kind: "fatal", message: (cause as Error).message });
    return;
  }
  parentPort?.on("message", async (job: FileJob) => {
    const alerts: string[] = [];
    const problems: string[] = [];
    const out = { alert: (text: string) => alerts.push(text), problem: (line: string) => problems.push(line), settle: () => undefined };
    const result = await replayFile(job.path, job.origin, job.size, engine, out);
    post({ kind: "done", finished: { result, alerts: alerts.join(""), problems } });
  });
  post({ kind: "ready" });
}

start(workerData as WorkerSetup);
