/**
 * Characters no honest form, link or query carries: C0 controls, DEL and C1
 * controls. NUL is the one PostgreSQL refuses outright (a 500 if it reaches a
 * query); the others corrupt headers, CSV exports and e-mails.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** The same, but tab, line feed and carriage return are allowed: text areas carry them. */
const CONTROL_EXCEPT_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export function hasControlCharacters(value: string): boolean {
  return CONTROL.test(value);
}

/** For typed text: tab and line breaks are fine (text areas), anything else is not. */
export function hasForbiddenTextCharacters(value: string): boolean {
  return CONTROL_EXCEPT_TEXT.test(value);
}
