import { randomUUID } from "node:crypto";
import { startHttpServer, type RecordedRequest, type Reply, type TestHttpServer } from "./http-server.js";

/**
 * A fake AWS Systems Manager Parameter Store speaking AWS JSON 1.1 as the SDK does:
 * `POST /`, `Content-Type: application/x-amz-json-1.1`, `X-Amz-Target: AmazonSSM.<Op>`.
 * Supports GetParameter, GetParameters (what @middy/ssm calls) and GetParametersByPath;
 * SecureString values come back in clear only with `WithDecryption: true`, as in SSM.
 */

export interface FakeParameter {
  readonly value: string;
  readonly type?: "String" | "StringList" | "SecureString";
}

export interface SsmServer {
  /** Put this in `AWS_ENDPOINT_URL_SSM`. */
  readonly url: string;
  readonly http: TestHttpServer;
  /** Parameters by name; tests may add or change entries at any time. */
  readonly parameters: Map<string, FakeParameter>;
  /** `X-Amz-Target` operation names, in arrival order. */
  readonly calls: string[];
  close(): Promise<void>;
}

type Body = Record<string, unknown>;
const CONTENT_TYPE = { "content-type": "application/x-amz-json-1.1" };
const REGION_ACCOUNT = "us-east-1:111122223333";

const reply = (body: unknown): Reply => ({ status: 200, headers: CONTENT_TYPE, body: JSON.stringify(body) });

/** SSM's error shape: HTTP 400, `__type` naming the error, as the JSON 1.1 protocol defines. */
export function ssmError(type: string, message: string, status = 400): Reply {
  return { status, headers: { ...CONTENT_TYPE, "x-amzn-requestid": randomUUID() }, body: JSON.stringify({ __type: type, message }) };
}

function parameterJson(name: string, parameter: FakeParameter, decrypt: boolean): Body {
  const type = parameter.type ?? "String";
  const hidden = type === "SecureString" && !decrypt;
  return {
    Name: name,
    Type: type,
    // Without decryption SSM returns the KMS ciphertext; base64 of the value stands in for it.
    Value: hidden ? Buffer.from(`kms:${parameter.value}`).toString("base64") : parameter.value,
    Version: 1,
    LastModifiedDate: 1786000000,
    ARN: `arn:aws:ssm:${REGION_ACCOUNT}:parameter/${name.replace(/^\//, "")}`,
    DataType: "text",
  };
}

type Operation = (body: Body, parameters: ReadonlyMap<string, FakeParameter>) => Reply;

const OPERATIONS: ReadonlyMap<string, Operation> = new Map<string, Operation>([
  ["GetParameter", (body, parameters) => {
    const name = String(body["Name"]);
    const parameter = parameters.get(name);
    if (!parameter) return ssmError("ParameterNotFound", `Parameter ${name} not found.`);
    return reply({ Parameter: parameterJson(name, parameter, body["WithDecryption"] === true) });
  }],
  ["GetParameters", (body, parameters) => {
    const names = Array.isArray(body["Names"]) ? (body["Names"] as unknown[]).map(String) : [];
    const found = names.filter((n) => parameters.has(n));
    return reply({
      Parameters: found.map((n) => parameterJson(n, parameters.get(n) as FakeParameter, body["WithDecryption"] === true)),
      InvalidParameters: names.filter((n) => !parameters.has(n)),
    });
  }],
  ["GetParametersByPath", (body, parameters) => {
    const path = String(body["Path"]).replace(/\/?$/, "/");
    const recursive = body["Recursive"] === true;
    const names = [...parameters.keys()].filter((n) => n.startsWith(path) && (recursive || !n.slice(path.length).includes("/")));
    return reply({ Parameters: names.map((n) => parameterJson(n, parameters.get(n) as FakeParameter, body["WithDecryption"] === true)) });
  }],
]);

function handle(request: RecordedRequest, parameters: ReadonlyMap<string, FakeParameter>, calls: string[]): Reply {
  const target = String(request.headers["x-amz-target"] ?? "");
  const operation = OPERATIONS.get(target.replace(/^AmazonSSM\./, ""));
  if (!target.startsWith("AmazonSSM.") || !operation) return ssmError("UnknownOperationException", `Unsupported target ${target}`);
  if (!String(request.headers["content-type"] ?? "").startsWith("application/x-amz-json-1.1")) {
    return ssmError("SerializationException", "Expected application/x-amz-json-1.1");
  }
  calls.push(target.slice("AmazonSSM.".length));
  return operation(JSON.parse(request.body || "{}") as Body, parameters);
}

/** Start a fake SSM Parameter Store on 127.0.0.1 with an ephemeral port. */
export async function startSsmServer(initial: Readonly<Record<string, FakeParameter>> = {}, options: { port?: number } = {}): Promise<SsmServer> {
  const parameters = new Map(Object.entries(initial));
  const calls: string[] = [];
  const http = await startHttpServer((request) => handle(request, parameters, calls), options);
  return { url: http.url, http, parameters, calls, close: () => http.close() };
}
