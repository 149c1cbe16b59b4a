// @ts-check
// Function settings computed from params, so the template gets the types CloudFormation expects.

/**
 * ReservedConcurrentExecutions is an Integer: a number, or no property at all with param
 * reservedConcurrency `none` (accounts whose quota leaves nothing to reserve).
 * @param {import("./resolver.mjs").VariableContext} context
 */
export async function reservedConcurrency({ resolveVariable }) {
  const value = String(await resolveVariable("param:reservedConcurrency")).trim();
  if (value === "none") return { Ref: "AWS::NoValue" };
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new Error(`param reservedConcurrency must be a whole number of at least 1, or none; not ${JSON.stringify(value)} (0 would stop every alert)`);
  }
  return Number(value);
}
