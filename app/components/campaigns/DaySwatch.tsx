/** The day's theme colour as a small decorative stripe; the name beside it carries the meaning. */
export function DaySwatch({ colour }: { colour: string }) {
  return <span className="day-swatch" style={{ backgroundColor: colour }} aria-hidden="true" />;
}
