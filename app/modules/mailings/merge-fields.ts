/**
 * Merge fields in a mailing's subject and body, such as {{contact.name}}.
 * Safe for the browser: the editor and the server check the same list.
 */
export const mergeFields = ["contact.name", "partner.name", "campaign.title", "campaign.date"] as const;
export type MergeField = (typeof mergeFields)[number];
export type MergeValues = Record<MergeField, string>;

const FIELD = /\{\{\s*([^{}]*?)\s*\}\}/g;

function isMergeField(name: string): name is MergeField {
  return (mergeFields as readonly string[]).includes(name);
}

/** Every field the text names, known or not, in order of first appearance. */
export function fieldsIn(text: string): string[] {
  return [...new Set([...text.matchAll(FIELD)].map((match) => match[1]!))];
}

export function unknownFieldsIn(text: string): string[] {
  return fieldsIn(text).filter((name) => !isMergeField(name));
}

export function usesCampaignFields(text: string): boolean {
  return fieldsIn(text).some((name) => name.startsWith("campaign."));
}

/**
 * Fills the fields. `escape` makes a value inert where it lands (Markdown in
 * the body), so a contact named "*Ana*" is not set in italics.
 */
export function fillMergeFields(text: string, values: MergeValues, escape: (value: string) => string = (v) => v): string {
  return text.replace(FIELD, (whole, name: string) => (isMergeField(name) ? escape(values[name]) : whole));
}

/** Backslash-escapes every ASCII punctuation mark, which CommonMark then shows as itself. */
export function escapeMarkdown(value: string): string {
  return value.replace(/[\\`*_{}[\]()#+\-.!|<>~&"'=:]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, " ");
}
