// Daymark's embeddable calendar (docs/embed.md): <daymark-events network="demo">.
// It reads the public API of the server it was loaded from, sets no cookie,
// asks nobody else for anything, and links every event to its Daymark page.
(() => {
  const script = document.currentScript;
  const origin = script ? new URL(script.src).origin : location.origin;
  const texts = {
    en: {
      title: "Upcoming events",
      none: "No upcoming events.",
      cancelled: "Cancelled",
      online: "Online",
      register: "Register",
      yours: "your time",
      previous: "Previous month",
      next: "Next month",
      failed: "The calendar could not be loaded.",
    },
    fr: {
      title: "Événements à venir",
      none: "Aucun événement à venir.",
      cancelled: "Annulé",
      online: "En ligne",
      register: "S'inscrire",
      yours: "votre heure",
      previous: "Mois précédent",
      next: "Mois suivant",
      failed: "Le calendrier n'a pas pu être chargé.",
    },
    de: {
      title: "Kommende Veranstaltungen",
      none: "Keine kommenden Veranstaltungen.",
      cancelled: "Abgesagt",
      online: "Online",
      register: "Anmelden",
      yours: "Ihre Zeit",
      previous: "Vorheriger Monat",
      next: "Nächster Monat",
      failed: "Der Kalender konnte nicht geladen werden.",
    },
    es: {
      title: "Próximos eventos",
      none: "No hay próximos eventos.",
      cancelled: "Cancelado",
      online: "En línea",
      register: "Inscribirse",
      yours: "su hora",
      previous: "Mes anterior",
      next: "Mes siguiente",
      failed: "No se pudo cargar el calendario.",
    },
    ru: {
      title: "Предстоящие события",
      none: "Предстоящих событий нет.",
      cancelled: "Отменено",
      online: "Онлайн",
      register: "Зарегистрироваться",
      yours: "ваше время",
      previous: "Предыдущий месяц",
      next: "Следующий месяц",
      failed: "Не удалось загрузить календарь.",
    },
  };
  const styles = `
    :host { display: block; font: inherit; color: var(--daymark-text, inherit); }
    h2 { font-size: 1.25em; margin: 0 0 0.5em; }
    h3 { font-size: 1em; margin: 0; }
    ul { list-style: none; margin: 0; padding: 0; }
    li { border-top: 1px solid var(--daymark-border, #d0d0d0); padding: 0.6em 0; }
    a { color: var(--daymark-accent, #0b5cad); }
    .when, .where { margin: 0.15em 0; }
    .yours, .where { color: var(--daymark-muted, #555); }
    .cancelled { text-decoration: line-through; }
    .badge { font-weight: bold; margin-inline-end: 0.4em; }
    nav { display: flex; gap: 0.5em; align-items: center; margin-bottom: 0.5em; }
    button { font: inherit; color: var(--daymark-accent, #0b5cad); background: var(--daymark-background, transparent); border: 1px solid currentColor; border-radius: 4px; padding: 0.2em 0.6em; cursor: pointer; }
    button:focus-visible, a:focus-visible { outline: 2px solid var(--daymark-accent, #0b5cad); outline-offset: 2px; }
  `;
  const sheet = typeof CSSStyleSheet === "function" && "replaceSync" in CSSStyleSheet.prototype ? new CSSStyleSheet() : null;
  if (sheet) sheet.replaceSync(styles);

  const element = (tag, attributes, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  };

  class DaymarkEvents extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      const root = this.attachShadow({ mode: "open" });
      if (sheet) root.adoptedStyleSheets = [sheet];
      this.language = this.getAttribute("lang") || navigator.language || "en";
      const base = this.language.toLowerCase().split("-")[0];
      this.t = texts[base] || texts.en;
      this.readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      this.month = null;
      this.load();
    }

    async load() {
      const network = encodeURIComponent(this.getAttribute("network") || "");
      const query = new URLSearchParams({ ends_after: new Date().toISOString(), limit: "200" });
      for (const name of ["campaign", "day", "partner", "country", "language", "mode"]) {
        const value = this.getAttribute(name);
        if (value) query.set(name, value);
      }
      try {
        const events = [];
        let cursor = null;
        for (let page = 0; page < 5; page += 1) {
          if (cursor) query.set("cursor", cursor);
          const response = await fetch(`${origin}/api/v1/networks/${network}/events?${query}`, {
            credentials: "omit",
            referrerPolicy: "no-referrer",
          });
          if (!response.ok) throw new Error(String(response.status));
          const body = await response.json();
          events.push(...body.data);
          cursor = body.nextCursor;
          if (!cursor) break;
        }
        this.events = events;
        this.render();
      } catch {
        this.shadowRoot.replaceChildren(element("p", { role: "status" }, this.t.failed));
      }
    }

    format(iso, zone, options) {
      return new Intl.DateTimeFormat(this.language, { ...options, timeZone: zone }).format(new Date(iso));
    }

    when(event) {
      if (event.allDay) {
        const day = (date) => this.format(`${date}T12:00:00Z`, "UTC", { dateStyle: "full" });
        return [event.startDate === event.endDate ? day(event.startDate) : `${day(event.startDate)} – ${day(event.endDate)}`, null];
      }
      const options = { dateStyle: "full", timeStyle: "short" };
      const own = `${this.format(event.start, event.timeZone, options)} – ${this.format(event.end, event.timeZone, { timeStyle: "short" })} (${event.timeZone})`;
      const offset = (zone) => this.format(event.start, zone, { timeZoneName: "longOffset" });
      const yours =
        offset(event.timeZone) === offset(this.readerZone)
          ? null
          : `${this.t.yours}: ${this.format(event.start, this.readerZone, options)} (${this.readerZone})`;
      return [own, yours];
    }

    item(event) {
      const [own, yours] = this.when(event);
      const place = [event.venueName, event.city].filter(Boolean).join(", ") || (event.mode === "online" ? this.t.online : "");
      const title = element("a", { href: event.url }, event.title);
      return element(
        "li",
        event.status === "cancelled" ? { class: "cancelled-event" } : {},
        element(
          "h3",
          {},
          event.status === "cancelled" ? element("span", { class: "badge" }, this.t.cancelled) : null,
          event.status === "cancelled" ? element("span", { class: "cancelled" }, title) : title,
        ),
        element("p", { class: "when" }, own),
        yours ? element("p", { class: "when yours" }, yours) : null,
        place ? element("p", { class: "where" }, place) : null,
        event.registrationUrl
          ? element("p", {}, element("a", { href: event.registrationUrl }, `${this.t.register}: ${event.title}`))
          : null,
      );
    }

    render() {
      const root = this.shadowRoot;
      const heading = element("h2", {}, this.getAttribute("heading") || this.t.title);
      let shown = this.events;
      const parts = [heading];
      if (this.getAttribute("view") === "month") {
        const zone = this.readerZone;
        const key = (iso) => this.format(iso, zone, { year: "numeric", month: "2-digit" });
        if (this.month === null) this.month = shown.length > 0 ? key(shown[0].start) : key(new Date().toISOString());
        const months = [...new Set(this.events.map((event) => key(event.start)))];
        shown = this.events.filter((event) => key(event.start) === this.month);
        const index = months.indexOf(this.month);
        const label = shown[0] ? this.format(shown[0].start, zone, { year: "numeric", month: "long" }) : this.month;
        const move = (by) => () => {
          this.month = months[index + by];
          this.render();
          this.shadowRoot.querySelector("h2").focus();
        };
        const previous = element("button", { type: "button" }, this.t.previous);
        const next = element("button", { type: "button" }, this.t.next);
        previous.disabled = index <= 0;
        next.disabled = index === -1 || index >= months.length - 1;
        previous.addEventListener("click", move(-1));
        next.addEventListener("click", move(1));
        heading.textContent = label;
        heading.setAttribute("tabindex", "-1");
        parts.push(element("nav", { "aria-label": this.t.title }, previous, next));
      }
      parts.push(shown.length === 0 ? element("p", {}, this.t.none) : element("ul", {}, ...shown.map((event) => this.item(event))));
      root.replaceChildren(...(sheet ? [] : [element("style", {}, styles)]), element("section", { lang: this.language }, ...parts));
    }
  }

  if (!customElements.get("daymark-events")) customElements.define("daymark-events", DaymarkEvents);
})();
