// @ts-check
/* global module */
'use strict';
// Variable sources for serverless.yml: `${file(./scripts/serverless/variables.cjs):<name>}`.
// The Framework require()s variable files, and require() of an ES module needs
// Node >= 22.12, so this shim is CommonJS; the work lives in the .mjs files beside it.
/**
 * @param {string} file
 * @param {string} name
 * @returns {(context: unknown) => Promise<unknown>}
 */
const from = (file, name) => async (context) => (await import(file))[name](context);

module.exports = {
  eventRuleResources: from('./event-rules.mjs', 'eventRuleResources'),
  handlerExtension: from('./build-layout.mjs', 'handlerExtension'),
  buildFolder: from('./build-layout.mjs', 'buildFolder'),
  slackTokenParameterArn: from('./slack-token.mjs', 'slackTokenParameterArn'),
  slackTokenParameterEnv: from('./slack-token.mjs', 'slackTokenParameterEnv'),
  slackTokenResources: from('./slack-token.mjs', 'slackTokenResources'),
  expectedRegions: from('./deployment.mjs', 'expectedRegions'),
  reservedConcurrency: from('./function-settings.mjs', 'reservedConcurrency'),
  heartbeatResources: from('./heartbeat.mjs', 'heartbeatResources'),
};
