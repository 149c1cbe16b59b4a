import { describe, expect, it } from "vitest";
import { compilePattern } from "../../src/pattern/index.js";

// Array consistency, as event-ruler has it: fields matched inside one array must come from the
// same element of it, while fields under two different arrays may come from any elements. The
// property tests exclude arrays of objects, so these are fixed cases over CloudTrail shapes.
const resources = [
  { type: "AWS::SSMContacts::Contact", ARN: "arn:aws:ssm-contacts:us-east-1:111122223333:contact/oncall", accountId: "111122223333" },
  { type: "AWS::SSMContacts::ContactChannel", ARN: "arn:aws:ssm-contacts:us-east-1:111122223333:contact-channel/oncall/sms", accountId: "444455556666" },
];
const tags = [{ key: "owner", value: "alice" }, { key: "team", value: "secops" }];
const CONTACT = resources[0]?.type as string;
const CHANNEL = resources[1]?.type as string;
const CONTACT_ARN = resources[0]?.ARN as string;
const CHANNEL_ARN = resources[1]?.ARN as string;

const matches = (pattern: unknown, event: unknown) => compilePattern(pattern).matches(event);

describe("fields under two different arrays", () => {
  // The unrelated array's name sorts before, between and after "resources"' fields, so the
  // cases hold whatever order the fields are matched in.
  it.each(["aTags", "resourcesTags", "zTags"])("match at different indices of each (%s)", (name) => {
    const event = { resources, requestParameters: { [name]: tags } };
    expect(matches({ resources: { type: [CONTACT] }, requestParameters: { [name]: { key: ["team"] } } }, event)).toBe(true);
    expect(matches({ resources: { type: [CHANNEL] }, requestParameters: { [name]: { key: ["owner"] } } }, event)).toBe(true);
    expect(matches({ resources: { type: [CONTACT] }, requestParameters: { [name]: { key: ["nobody"] } } }, event)).toBe(false);
  });

  it.each(["aTags", "resourcesTags", "zTags"])("still hold each array to one element when three fields span both (%s)", (name) => {
    const event = { resources, requestParameters: { [name]: tags } };
    expect(matches({ resources: { type: [CONTACT], ARN: [CONTACT_ARN] }, requestParameters: { [name]: { key: ["team"], value: ["secops"] } } }, event)).toBe(true);
    expect(matches({ resources: { type: [CONTACT], ARN: [CHANNEL_ARN] }, requestParameters: { [name]: { key: ["team"] } } }, event)).toBe(false);
    expect(matches({ resources: { type: [CONTACT] }, requestParameters: { [name]: { key: ["team"], value: ["alice"] } } }, event)).toBe(false);
  });
});

describe("a three-field pattern over resources[]", () => {
  const event = { resources };

  it("matches when one element has all three", () => {
    expect(matches({ resources: { type: [CHANNEL], ARN: [CHANNEL_ARN], accountId: ["444455556666"] } }, event)).toBe(true);
    expect(matches({ resources: { type: [CONTACT], ARN: [{ prefix: "arn:aws:ssm-contacts:" }], accountId: ["111122223333"] } }, event)).toBe(true);
  });

  it.each([
    ["type from the first, ARN and account from the second", { type: [CONTACT], ARN: [CHANNEL_ARN], accountId: ["444455556666"] }],
    ["type and ARN from the first, account from the second", { type: [CONTACT], ARN: [CONTACT_ARN], accountId: ["444455556666"] }],
    ["type and account from the second, ARN from the first", { type: [CHANNEL], ARN: [CONTACT_ARN], accountId: ["444455556666"] }],
    ["type and ARN from the second, account from the first", { type: [CHANNEL], ARN: [CHANNEL_ARN], accountId: ["111122223333"] }],
  ])("does not match across elements: %s", (_name, pattern) => {
    expect(matches({ resources: pattern }, event)).toBe(false);
  });

  it("matches the second element even when the first satisfies a field", () => {
    const three = [...resources, { type: CONTACT, ARN: "arn:aws:ssm-contacts:us-east-1:111122223333:contact/backup", accountId: "444455556666" }];
    expect(matches({ resources: { type: [CONTACT], accountId: ["444455556666"] } }, { resources: three })).toBe(true);
    expect(matches({ resources: { type: [CONTACT], accountId: ["444455556666"], ARN: [CONTACT_ARN] } }, { resources: three })).toBe(false);
  });
});

describe("nested arrays", () => {
  it("hold every array on the way to one element", () => {
    const event = { groups: [{ members: [{ name: "a", role: "admin" }, { name: "b", role: "user" }] }, { members: [{ name: "c", role: "user" }] }] };
    expect(matches({ groups: { members: { name: ["a"], role: ["admin"] } } }, event)).toBe(true);
    expect(matches({ groups: { members: { name: ["a"], role: ["user"] } } }, event)).toBe(false);
    expect(matches({ groups: { members: { name: ["c"], role: ["user"] } } }, event)).toBe(true);
  });

  it("let a plain value beside objects in one array match with any element's fields", () => {
    expect(matches({ list: ["v"], other: ["w"] }, { list: ["v", { x: 1 }], other: "w" })).toBe(true);
    expect(matches({ items: { kind: ["a"], size: [2] } }, { items: [{ kind: "a", size: 2 }, "loose"] })).toBe(true);
  });
});
