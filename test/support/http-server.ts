import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as it arrived on the wire. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query, e.g. `/api/chat.postMessage`. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export type Handler = (request: RecordedRequest) => Reply | Promise<Reply>;

/**
 * A fault: an answer, or `hold` (accept the request and never answer: a hung server, which
 * only the client's own timeout ends) or `reset` (drop the connection without an answer).
 */
export type Fault = Reply | "hold" | "reset";

export interface TestHttpServer {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** Every request, in arrival order, including the ones answered with a fault. */
  readonly requests: RecordedRequest[];
  /** Scripted faults, consulted before the handler on every request. */
  readonly faults: Faults;
  /** Requests held open by a `hold` fault and not yet answered. */
  readonly held: RecordedRequest[];
  /** Answers the held requests (those `which` picks, else all) as the server normally would. */
  releaseHeld(which?: (request: RecordedRequest) => boolean): Promise<void>;
  close(): Promise<void>;
}

/**
 * Scriptable failures: `failNext(2, reply)` answers the next two requests with `reply`,
 * `failAlways(reply)` every request until `heal()`.
 */
export class Faults {
  private queue: Fault[] = [];
  private always: Fault | undefined;

  failNext(times: number, reply: Fault): this {
    for (let i = 0; i < times; i += 1) this.queue.push(reply);
    return this;
  }

  failAlways(reply: Fault): this {
    this.always = reply;
    return this;
  }

  heal(): this {
    this.queue = [];
    this.always = undefined;
    return this;
  }

  /** The fault for this request, if any (consumes one queued fault). */
  take(): Fault | undefined {
    return this.always ?? this.queue.shift();
  }
}

async function readBody(stream: AsyncIterable<Buffer | string>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
}

/** Start an HTTP server on 127.0.0.1 (an ephemeral port unless `port` is given) that records every request. */
export async function startHttpServer(handler: Handler, options: { faultFor?: (request: RecordedRequest) => Fault | undefined; port?: number } = {}): Promise<TestHttpServer> {
  const requests: RecordedRequest[] = [];
  const faults = new Faults();
  const held: Array<{ recorded: RecordedRequest; res: ServerResponse }> = [];
  const answer = async (recorded: RecordedRequest, res: ServerResponse, fault: Reply | undefined) => {
    let reply: Reply;
    try {
      reply = fault ?? (await handler(recorded));
    } catch (error) {
      reply = { status: 500, body: `test server handler failed: ${String(error)}` };
    }
    if (res.destroyed) return;
    res.writeHead(reply.status, { ...reply.headers });
    res.end(reply.body ?? "");
  };
  const server = createServer((req, res) => {
    void (async () => {
      const recorded = { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, body: await readBody(req) };
      requests.push(recorded);
      const fault = options.faultFor?.(recorded) ?? faults.take();
      if (fault === "hold") return void held.push({ recorded, res });
      if (fault === "reset") return void req.socket.destroy();
      await answer(recorded, res, fault);
    })();
  });
  const port = await listen(server, options.port);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    faults,
    get held() {
      return held.map((h) => h.recorded);
    },
    releaseHeld: async (which = () => true) => {
      const chosen = held.filter((h) => which(h.recorded));
      for (const h of chosen) held.splice(held.indexOf(h), 1);
      for (const { recorded, res } of chosen) await answer(recorded, res, undefined);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
