import { readFile } from "node:fs/promises";
import { SSM_CALL_MS, SSM_REQUEST_HANDLER } from "../deadline.js";
import { readEnv, type Env } from "../env.js";
import { formatDiagnostic } from "../policy/diagnostics.js";
import { loadRoutingConfigText, type RoutingConfig } from "../routing/config.js";
import { UsageError, writeLine, type Io } from "./io.js";

// What every command that delivers (send, redrive, fire-drill) needs before it builds a
// pipeline: the routing file and the Slack token, read the way the Lambda reads them.

/**
 * SLACK_BOT_TOKEN for local runs, else the SecureString named by SLACK_BOT_TOKEN_PARAMETER.
 * The SSM client is loaded on first use: the AWS SDK costs ~0.3 s to import, which every
 * other command (validate, eval, replay...) should not pay.
 */
export async function resolveSlackToken(env: Env): Promise<string | undefined> {
  const token = readEnv(env, "SLACK_BOT_TOKEN");
  if (token) return token;
  const name = readEnv(env, "SLACK_BOT_TOKEN_PARAMETER");
  if (!name) return undefined;
  const { GetParameterCommand, SSMClient } = await import("@aws-sdk/client-ssm");
  const client = new SSMClient({ requestHandler: SSM_REQUEST_HANDLER });
  try {
    const reply = await client.send(new GetParameterCommand({ Name: name, WithDecryption: true }), { abortSignal: AbortSignal.timeout(SSM_CALL_MS) });
    return reply.Parameter?.Value;
  } finally {
    client.destroy();
  }
}

/**
 * The routing config, its diagnostics printed. With `uses`, warnings about other destinations
 * (e.g. "email is off" for `fire-drill --destination slack`) are not shown: the command does
 * not use them.
 */
export async function loadRoutingFile(file: string, env: Env, io: Io, uses?: readonly string[]): Promise<RoutingConfig | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    throw new UsageError(`cannot read routing config "${file}": ${(cause as Error).message}`);
  }
  const { config, diagnostics } = loadRoutingConfigText(text, file, env);
  const unused = (path: string): boolean => uses !== undefined && /^destinations\.[^.]+$/.test(path) && !uses.includes(path.slice("destinations.".length));
  for (const d of diagnostics) if (d.level === "error" || !unused(d.path)) writeLine(io.stderr, formatDiagnostic(d));
  return config;
}
