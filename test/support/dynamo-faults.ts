import { request as httpRequest } from "node:http";
import { startHttpServer, type Fault, type RecordedRequest, type Reply, type TestHttpServer } from "./http-server.js";

/**
 * A DynamoDB fault proxy: real DynamoDB wire traffic (JSON 1.0, `X-Amz-Target:
 * DynamoDB_20120810.<Op>`) passes through to dynalite unless a rule matches, in which case the
 * request is throttled, failed, reset or held open. Point `AWS_ENDPOINT_URL_DYNAMODB` (or the
 * store's endpoint) at `url`.
 */

export interface DynamoFaultRule {
  /** Which requests: an operation name (`PutItem`) and/or a predicate on the raw request. */
  readonly operation?: string;
  readonly when?: (request: RecordedRequest) => boolean;
  readonly fault: Fault;
  /** How many matching requests get the fault; every one until `heal()` when omitted. */
  times?: number;
}

export interface DynamoFaultProxy {
  readonly url: string;
  readonly http: TestHttpServer;
  /** Operations that reached dynalite (passed through), in order. */
  readonly passed: string[];
  /** Operations answered with a fault, in order. */
  readonly faulted: string[];
  add(rule: DynamoFaultRule): void;
  heal(): void;
  close(): Promise<void>;
}

const AMZ_JSON = "application/x-amz-json-1.0";

function awsError(status: number, type: string, message: string): Reply {
  return { status, headers: { "content-type": AMZ_JSON, "x-amzn-requestid": "FAULTPROXY" }, body: JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message }) };
}

/** DynamoDB's own throttling answer (the SDK retries it, then throws the exception). */
export const THROTTLED: Reply = awsError(400, "ProvisionedThroughputExceededException", "The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.");
export const INTERNAL_ERROR: Reply = awsError(500, "InternalServerError", "Internal server error");

export const operationOf = (request: RecordedRequest): string => String(request.headers["x-amz-target"] ?? "").replace(/^DynamoDB_20120810\./, "");

function forward(target: URL, request: RecordedRequest): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers = { ...request.headers, host: target.host };
    const upstream = httpRequest({ host: target.hostname, port: target.port, method: request.method, path: request.url, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const replyHeaders: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === "string" && k !== "content-length" && k !== "connection") replyHeaders[k] = v;
        resolve({ status: res.statusCode ?? 500, headers: replyHeaders, body: Buffer.concat(chunks).toString("utf8") });
      });
    });
    upstream.on("error", reject);
    upstream.end(request.body);
  });
}

/** Start the proxy on 127.0.0.1 (ephemeral port) in front of `upstreamUrl` (dynalite). */
export async function startDynamoFaultProxy(upstreamUrl: string): Promise<DynamoFaultProxy> {
  const target = new URL(upstreamUrl);
  let rules: DynamoFaultRule[] = [];
  const passed: string[] = [];
  const faulted: string[] = [];
  const ruleFor = (request: RecordedRequest): DynamoFaultRule | undefined =>
    rules.find((r) => (r.operation === undefined || r.operation === operationOf(request)) && (r.when === undefined || r.when(request)) && (r.times ?? 1) > 0);
  const faultFor = (request: RecordedRequest): Fault | undefined => {
    const rule = ruleFor(request);
    if (rule === undefined) return undefined;
    if (rule.times !== undefined) rule.times -= 1;
    faulted.push(operationOf(request));
    return rule.fault;
  };
  const http = await startHttpServer((request) => {
    passed.push(operationOf(request));
    return forward(target, request);
  }, { faultFor });
  return {
    url: http.url,
    http,
    passed,
    faulted,
    add: (rule) => void rules.push({ ...rule }),
    heal: () => {
      rules = [];
    },
    close: () => http.close(),
  };
}
