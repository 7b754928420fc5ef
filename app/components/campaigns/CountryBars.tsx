import { useT } from "~/i18n/react";

interface Row {
  country: string;
  name: string;
  pledges: number;
  events: number;
  registrations: number;
}

/**
 * A bar chart that is a table: screen readers read the numbers, sighted
 * readers see bars scaled to the largest value. No chart library needed.
 */
export function CountryBars({ rows, labelledBy }: { rows: Row[]; labelledBy: string }) {
  const t = useT();
  const max = Math.max(1, ...rows.flatMap((r) => [r.pledges, r.events, r.registrations]));
  const bar = (value: number, kind: "pledges" | "events" | "registrations") => (
    <span className="bar-cell">
      <span className={`bar bar--${kind}`} style={{ width: `${(value / max) * 100}%` }} aria-hidden="true" />
      <span className="bar-value">{value}</span>
    </span>
  );
  return (
    <div className="table-wrap">
      <table className="bar-chart" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col">{t("campaigns.dashboard.country")}</th>
            <th scope="col">{t("campaigns.dashboard.pledgesColumn")}</th>
            <th scope="col">{t("campaigns.dashboard.eventsColumn")}</th>
            <th scope="col">{t("campaigns.dashboard.registrationsColumn")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.country}>
              <th scope="row">{row.name}</th>
              <td>{bar(row.pledges, "pledges")}</td>
              <td>{bar(row.events, "events")}</td>
              <td>{bar(row.registrations, "registrations")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
