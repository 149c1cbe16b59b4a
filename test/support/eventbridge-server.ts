import { randomUUID } from "node:crypto";
import { compilePattern } from "../../src/pattern/index.js";
import { startHttpServer, type RecordedRequest, type Reply, type TestHttpServer } from "./http-server.js";

/**
 * A small Amazon EventBridge speaking AWS JSON 1.1 as the SDK does: `POST /`,
 * `Content-Type: application/x-amz-json-1.1`, `X-Amz-Target: AWSEvents.<Op>`.
 * PutEvents (refusing `aws.*` sources as EventBridge does, and handing each entry that a
 * rule on its bus matches to `onDelivery`), ListRules (NamePrefix, Limit/NextToken),
 * DescribeRule, ListTargetsByRule. Tests seed rules with `putRule` / `putTargets`.
 */

export interface FakeTarget {
  readonly Id: string;
  readonly Arn: string;
  readonly DeadLetterConfig?: { readonly Arn: string };
  readonly RetryPolicy?: { readonly MaximumRetryAttempts: number; readonly MaximumEventAgeInSeconds: number };
}

export interface FakeRule {
  readonly name: string;
  readonly bus: string;
  eventPattern: string | undefined;
  state: string;
  targets: FakeTarget[];
}

export interface Delivery {
  readonly rule: string;
  readonly envelope: Record<string, unknown>;
}

export interface EventBridgeServer {
  /** Put this in `AWS_ENDPOINT_URL_EVENTBRIDGE`. */
  readonly url: string;
  readonly http: TestHttpServer;
  readonly rules: Map<string, FakeRule>;
  readonly calls: string[];
  /** Entries PutEvents accepted, as envelopes. */
  readonly events: Record<string, unknown>[];
  putRule(name: string, pattern: unknown, state?: string, bus?: string): FakeRule;
  putTargets(name: string, targets: FakeTarget[]): void;
  /** Called for every accepted entry that a rule on its bus matches (after the HTTP reply is built). */
  onDelivery(listener: (delivery: Delivery) => void | Promise<void>): void;
  /** Resolves when every delivery handed to a listener so far has finished. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

type Body = Record<string, unknown>;
const CONTENT_TYPE = { "content-type": "application/x-amz-json-1.1" };
const ACCOUNT = "111122223333";
const REGION = "us-east-1";
const PAGE = 2;

const reply = (body: unknown): Reply => ({ status: 200, headers: CONTENT_TYPE, body: JSON.stringify(body) });
export function eventBridgeError(type: string, message: string, status = 400): Reply {
  return { status, headers: { ...CONTENT_TYPE, "x-amzn-requestid": randomUUID() }, body: JSON.stringify({ __type: type, message }) };
}

const busName = (body: Body) => String(body.EventBusName ?? "default").replace(/^arn:.*:event-bus\//, "");
const key = (bus: string, name: string) => `${bus}/${name}`;

export async function startEventBridgeServer(): Promise<EventBridgeServer> {
  const rules = new Map<string, FakeRule>();
  const calls: string[] = [];
  const events: Record<string, unknown>[] = [];
  const listeners: ((d: Delivery) => void | Promise<void>)[] = [];
  const pending: Promise<void>[] = [];
  const ruleArn = (r: FakeRule) => `arn:aws:events:${REGION}:${ACCOUNT}:rule/${r.bus === "default" ? "" : `${r.bus}/`}${r.name}`;

  function deliver(envelope: Record<string, unknown>, bus: string): void {
    for (const rule of rules.values()) {
      if (rule.bus !== bus || rule.state === "DISABLED" || rule.eventPattern === undefined) continue;
      if (!compilePattern(JSON.parse(rule.eventPattern)).matches(envelope)) continue;
      for (const listener of listeners) pending.push(Promise.resolve(listener({ rule: rule.name, envelope })));
    }
  }

  const operations = new Map<string, (body: Body) => Reply>([
    ["PutEvents", (body) => {
      const entries = Array.isArray(body.Entries) ? (body.Entries as Body[]) : [];
      const out = entries.map((entry) => {
        const source = String(entry.Source ?? "");
        if (source.startsWith("aws.")) return { ErrorCode: "NotAuthorizedForSourceException", ErrorMessage: `Not authorized for the source ${source}` };
        const id = randomUUID();
        const envelope = { version: "0", id, "detail-type": entry.DetailType, source, account: ACCOUNT, time: new Date().toISOString(), region: REGION, resources: entry.Resources ?? [], detail: JSON.parse(String(entry.Detail ?? "{}")) as unknown };
        events.push(envelope);
        deliver(envelope, busName(entry));
        return { EventId: id };
      });
      return reply({ FailedEntryCount: out.filter((e) => "ErrorCode" in e).length, Entries: out });
    }],
    ["ListRules", (body) => {
      const bus = busName(body);
      const prefix = String(body.NamePrefix ?? "");
      const all = [...rules.values()].filter((r) => r.bus === bus && r.name.startsWith(prefix)).sort((a, b) => (a.name < b.name ? -1 : 1));
      const start = Number(body.NextToken ?? 0);
      const limit = Number(body.Limit ?? PAGE);
      const page = all.slice(start, start + limit);
      const next = start + limit < all.length ? String(start + limit) : undefined;
      return reply({ Rules: page.map((r) => ({ Name: r.name, Arn: ruleArn(r), EventPattern: r.eventPattern, State: r.state, EventBusName: r.bus })), ...(next ? { NextToken: next } : {}) });
    }],
    ["DescribeRule", (body) => {
      const rule = rules.get(key(busName(body), String(body.Name)));
      if (rule === undefined) return eventBridgeError("ResourceNotFoundException", `Rule ${String(body.Name)} does not exist on EventBus ${busName(body)}.`);
      return reply({ Name: rule.name, Arn: ruleArn(rule), EventPattern: rule.eventPattern, State: rule.state, EventBusName: rule.bus, CreatedBy: ACCOUNT });
    }],
    ["ListTargetsByRule", (body) => {
      const rule = rules.get(key(busName(body), String(body.Rule)));
      if (rule === undefined) return eventBridgeError("ResourceNotFoundException", `Rule ${String(body.Rule)} does not exist.`);
      return reply({ Targets: rule.targets });
    }],
  ]);

  function handle(request: RecordedRequest): Reply {
    const target = String(request.headers["x-amz-target"] ?? "");
    const operation = operations.get(target.replace(/^AWSEvents\./, ""));
    if (!target.startsWith("AWSEvents.") || operation === undefined) return eventBridgeError("UnknownOperationException", `Unsupported target ${target}`);
    if (!String(request.headers["content-type"] ?? "").startsWith("application/x-amz-json-1.1")) return eventBridgeError("SerializationException", "Expected application/x-amz-json-1.1");
    calls.push(target.slice("AWSEvents.".length));
    return operation(JSON.parse(request.body || "{}") as Body);
  }

  const http = await startHttpServer(handle);
  return {
    url: http.url,
    http,
    rules,
    calls,
    events,
    putRule(name, pattern, state = "ENABLED", bus = "default") {
      const rule: FakeRule = { name, bus, eventPattern: pattern === undefined ? undefined : JSON.stringify(pattern), state, targets: rules.get(key(bus, name))?.targets ?? [] };
      rules.set(key(bus, name), rule);
      return rule;
    },
    putTargets(name, targets) {
      const rule = [...rules.values()].find((r) => r.name === name);
      if (rule === undefined) throw new Error(`no rule ${name}`);
      rule.targets = targets;
    },
    onDelivery(listener) {
      listeners.push(listener);
    },
    async settled() {
      await Promise.all(pending);
    },
    async close() {
      await Promise.all(pending);
      await http.close();
    },
  };
}
