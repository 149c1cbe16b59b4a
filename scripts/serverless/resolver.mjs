// @ts-check
// What the Serverless Framework passes to a variable source (`${file(...):name}`).

/** @typedef {(address: string) => Promise<unknown>} ResolveVariable */
/** @typedef {{ resolveVariable: ResolveVariable }} VariableContext */

export {};
