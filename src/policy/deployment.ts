import { readEnv, type Env } from "../env.js";
import { isJsonObject } from "../pattern/json.js";
import { didYouMean } from "../text/did-you-mean.js";
import type { YamlSource } from "./yaml-source.js";

/**
 * What a policy may know about the stack it is deployed in: written `${deployment.NAME}` in
 * `match` and `unless`, so the shipped pack watches the right names and Regions in every
 * stage without anyone editing it. The deployment sets the values (serverless.yml params ->
 * the function's environment and the compiled rules); everywhere else they come from the
 * same environment variables, or from the example deployment the embedded tests are
 * written against.
 */
export interface Deployment {
  /** CloudFormation stack name, `<service>-<stage>`: the prefix of every name the stack creates. */
  readonly stack: string;
  /** Regions where Incident Manager calls are expected: the stack's Region plus forwarder Regions. */
  readonly expectedRegions: readonly string[];
  /** Name of the SSM parameter holding the Slack bot token. */
  readonly slackTokenParameter: string;
  /** ARN of the stack's KMS key (topic and queues). */
  readonly alertKeyArn: string;
  /** Where the values came from, for `trailwatch validate`. */
  readonly origin: string;
}

/** The deployment every embedded policy test is written against (`trailwatch test` always uses it). */
export const EXAMPLE_DEPLOYMENT: Deployment = {
  stack: "trailwatch-dev",
  expectedRegions: ["us-east-1", "us-west-2"],
  slackTokenParameter: "/trailwatch/dev/slack-bot-token",
  alertKeyArn: "arn:aws:kms:us-east-1:111122223333:key/0f4d9b2e-7a61-4c3e-9d85-2b6f1e8a4c70",
  origin: "the example deployment (stack trailwatch-dev in us-east-1, forwarders in us-west-2)",
};

/** The environment variables a deployment sets (serverless.yml), by value. */
export const DEPLOYMENT_ENV = {
  stack: "TRAILWATCH_STACK",
  expectedRegions: "TRAILWATCH_EXPECTED_REGIONS",
  slackTokenParameter: "TRAILWATCH_SLACK_TOKEN_PARAMETER",
  alertKeyArn: "TRAILWATCH_ALERT_KEY_ARN",
} as const;

const list = (text: string) => text.split(/[\s,]+/).filter((s) => s !== "");

/** The deployment in force: each value from its environment variable when set, else the example's. */
export function deploymentFromEnv(env: Env): Deployment {
  const value = (k: keyof typeof DEPLOYMENT_ENV) => (readEnv(env, DEPLOYMENT_ENV[k]) ?? "").trim();
  const set = (Object.keys(DEPLOYMENT_ENV) as (keyof typeof DEPLOYMENT_ENV)[]).filter((k) => value(k) !== "");
  if (set.length === 0) return EXAMPLE_DEPLOYMENT;
  return {
    stack: value("stack") || EXAMPLE_DEPLOYMENT.stack,
    expectedRegions: value("expectedRegions") ? list(value("expectedRegions")) : EXAMPLE_DEPLOYMENT.expectedRegions,
    slackTokenParameter: value("slackTokenParameter") || EXAMPLE_DEPLOYMENT.slackTokenParameter,
    alertKeyArn: value("alertKeyArn") || EXAMPLE_DEPLOYMENT.alertKeyArn,
    origin: `the environment (${set.map((k) => DEPLOYMENT_ENV[k]).join(", ")}; the rest from the example deployment)`,
  };
}

const PLACEHOLDER = /\$\{deployment\.([A-Za-z]+)\}/g;
const WHOLE = /^\$\{deployment\.([A-Za-z]+)\}$/;
const NAMES = ["stack", "expectedRegions", "slackTokenParameter", "alertKeyArn"] as const;

function valueOf(deployment: Deployment, name: string): string | readonly string[] | Error {
  if (!(NAMES as readonly string[]).includes(name)) return new Error(`unknown deployment value "\${deployment.${name}}"${didYouMean(name, NAMES)}; known: ${NAMES.join(", ")}`);
  return deployment[name as (typeof NAMES)[number]];
}

/**
 * `value` with every `${deployment.NAME}` replaced. A list element that is exactly a
 * list-valued placeholder (`${deployment.expectedRegions}`) becomes that list's elements;
 * elsewhere a list value is an error, as is an unknown name.
 */
export function expandDeployment(value: unknown, deployment: Deployment, errors: string[]): unknown {
  if (typeof value === "string") {
    return value.replace(PLACEHOLDER, (_, name: string) => {
      const v = valueOf(deployment, name);
      if (v instanceof Error) errors.push(v.message);
      else if (typeof v !== "string") errors.push(`\${deployment.${name}} is a list: write it alone as a list element`);
      else return v;
      return "";
    });
  }
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      const whole = typeof item === "string" ? WHOLE.exec(item) : null;
      const v = whole ? valueOf(deployment, whole[1] as string) : undefined;
      if (v !== undefined && !(v instanceof Error) && typeof v !== "string") return [...v];
      return [expandDeployment(item, deployment, errors)];
    });
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandDeployment(v, deployment, errors)]));
  }
  return value;
}

/** A policy or tune file's `match` and `unless` with `${deployment.NAME}` values filled in (deployment.ts). */
export function withDeployment(source: YamlSource, deployment: Deployment): unknown {
  if (!isJsonObject(source.value)) return source.value;
  const out: Record<string, unknown> = { ...source.value };
  for (const key of ["match", "unless"]) {
    if (!Object.hasOwn(out, key)) continue;
    const errors: string[] = [];
    out[key] = expandDeployment(out[key], deployment, errors);
    for (const message of new Set(errors)) source.error([key], message);
  }
  return out;
}

