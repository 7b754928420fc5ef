import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";

export interface AxeFinding {
  page: string;
  rule: string;
  impact: string;
  targets: string[];
}

/** Serious and critical WCAG 2.1 A/AA violations on the page as it is now. */
export async function seriousViolations(page: Page, label: string): Promise<AxeFinding[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      page: label,
      rule: violation.id,
      impact: violation.impact!,
      targets: violation.nodes.map((node) => node.target.join(" ")),
    }));
}
