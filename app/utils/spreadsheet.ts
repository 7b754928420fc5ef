/** A spreadsheet must not run a cell as a formula: text starting with = + - @ gets a leading quote. */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
