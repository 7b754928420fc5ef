import type { Locale } from "~/i18n/locales";
import type { Translate } from "~/i18n/translate";

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** A message kind: its parameters in, subject and both bodies out, in the reader's language. */
export type EmailTemplate<Params> = (input: { params: Params; t: Translate; locale: Locale }) => RenderedEmail;
