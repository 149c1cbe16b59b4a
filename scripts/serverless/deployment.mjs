// @ts-check
// The deployment's values for policies that name them (`${deployment.NAME}`,
// src/policy/deployment.ts): the same TRAILWATCH_* variables reach the function's
// environment (serverless.yml) and the compiler of the EventBridge rules (event-rules.mjs),
// so the handler and the rules always agree.

/** @param {unknown} text */
const list = (text) => String(text ?? "").split(/[\s,]+/).filter((s) => s !== "");

/**
 * param expectedRegions when set; otherwise the stack's Region plus param forwarderRegions
 * (the Regions whose forwarders send their events to this stack, docs/deploy.md).
 * @param {import("./resolver.mjs").ResolveVariable} resolveVariable
 * @returns {Promise<string[]>}
 */
export async function expectedRegionList(resolveVariable) {
  const [explicit, region, forwarders] = await Promise.all([
    resolveVariable("param:expectedRegions"),
    resolveVariable("self:provider.region"),
    resolveVariable("param:forwarderRegions"),
  ]);
  const given = list(explicit);
  return given.length > 0 ? given : [...new Set([String(region), ...list(forwarders)])];
}

/**
 * TRAILWATCH_EXPECTED_REGIONS for the function.
 * @param {import("./resolver.mjs").VariableContext} context
 */
export async function expectedRegions({ resolveVariable }) {
  return (await expectedRegionList(resolveVariable)).join(",");
}

/** The environment deploymentFromEnv reads, as the deployed function gets it (the key ARN is only known once deployed).
 * @param {import("./resolver.mjs").ResolveVariable} resolveVariable
 */
export async function deploymentEnv(resolveVariable) {
  const [service, stage, slackTokenParameter] = await Promise.all(["self:service", "sls:stage", "param:slackTokenParameter"].map((v) => resolveVariable(v)));
  return {
    TRAILWATCH_STACK: `${service}-${stage}`,
    TRAILWATCH_EXPECTED_REGIONS: (await expectedRegionList(resolveVariable)).join(","),
    TRAILWATCH_SLACK_TOKEN_PARAMETER: slackTokenParameter === undefined || slackTokenParameter === null ? undefined : String(slackTokenParameter),
  };
}
