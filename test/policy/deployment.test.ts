import { describe, expect, it } from "vitest";
import { DEPLOYMENT_ENV, deploymentFromEnv, EXAMPLE_DEPLOYMENT, expandDeployment } from "../../src/policy/deployment.js";
import { loadPolicyText } from "../../src/policy/load.js";

const POLICY = (regions: string) => `id: x.region
title: Calls outside the expected Regions
severity: medium
match:
  eventSource: [ssm-contacts.amazonaws.com]
  awsRegion: [{ anything-but: [${regions}] }]
  requestParameters:
    functionName: ["\${deployment.stack}-alert"]
`;

describe("deployment values in policies", () => {
  it("spreads a list placeholder into the list it stands in, and fills a name into a string", () => {
    const errors: string[] = [];
    const out = expandDeployment({ a: [{ "anything-but": ["${deployment.expectedRegions}", "eu-north-1"] }], b: ["${deployment.stack}-state"] }, EXAMPLE_DEPLOYMENT, errors);
    expect(out).toEqual({ a: [{ "anything-but": ["us-east-1", "us-west-2", "eu-north-1"] }], b: ["trailwatch-dev-state"] });
    expect(errors).toEqual([]);
  });

  it("compiles the deployment's Regions into the policy", () => {
    const deployment = deploymentFromEnv({ [DEPLOYMENT_ENV.expectedRegions]: "eu-west-1, eu-central-1", [DEPLOYMENT_ENV.stack]: "trailwatch-prod" });
    const { policy, diagnostics } = loadPolicyText(POLICY('"${deployment.expectedRegions}"'), "rules/x/region.yml", "x.region", { tests: false, deployment });
    expect(diagnostics).toEqual([]);
    expect(policy?.matchSource).toMatchObject({ awsRegion: [{ "anything-but": ["eu-west-1", "eu-central-1"] }], requestParameters: { functionName: ["trailwatch-prod-alert"] } });
    expect(deployment.origin).toContain("TRAILWATCH_EXPECTED_REGIONS");
  });

  it("reports an unknown name at its key, with a suggestion, and a list used inside a string", () => {
    const unknown = loadPolicyText(POLICY('"${deployment.expectedRegion}"'), "rules/x/region.yml", "x.region", { tests: false });
    expect(unknown.policy).toBeUndefined();
    expect(unknown.diagnostics).toEqual([expect.objectContaining({ level: "error", line: 4, message: expect.stringContaining('unknown deployment value "${deployment.expectedRegion}" (did you mean "expectedRegions"?)') })]);
    const inString = loadPolicyText(POLICY('"in-${deployment.expectedRegions}"'), "rules/x/region.yml", "x.region", { tests: false });
    expect(inString.diagnostics[0]?.message).toContain("${deployment.expectedRegions} is a list");
  });

  it("uses the example deployment when no variable is set", () => {
    expect(deploymentFromEnv({})).toBe(EXAMPLE_DEPLOYMENT);
    expect(deploymentFromEnv({ [DEPLOYMENT_ENV.stack]: "  " })).toBe(EXAMPLE_DEPLOYMENT);
  });
});
