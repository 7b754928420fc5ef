import { getInputProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";
import { useT } from "~/i18n/react";
import type { MessageKey } from "~/i18n/translate";

/** Validation errors are message keys (see *.schema.ts); shown in the reader's language. */
export function useErrorText(errors: string[] | undefined): string | undefined {
  const t = useT();
  return errors?.map((error) => (error.includes(".") ? t(error as MessageKey) : error)).join(" ");
}

/**
 * Label, hint, control and error of one field, the hint and error linked to the
 * control through aria-describedby (the control passes `${field.id}-hint`).
 * Room is kept for the error so that its coming and going never moves a button.
 */
export function FieldFrame({
  field,
  label,
  hint,
  children,
}: {
  field: FieldMetadata<unknown, any>;
  label: string;
  hint?: string;
  children: ReactNode;
}) {
  const errorText = useErrorText(field.errors);
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={`${field.id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {children}
      <p id={field.errorId} className="field-error" aria-live="polite">
        {errorText}
      </p>
    </div>
  );
}

interface TextFieldProps {
  field: FieldMetadata<string>;
  label: string;
  type?: "text" | "email" | "password" | "url";
  autoComplete?: string;
  hint?: string;
  /** The language the value is written in, when not the page's (a translation): for spelling and screen readers. */
  lang?: string;
}

/**
 * A labelled input with its hint and its error beside it, linked through
 * aria-describedby so screen readers announce both.
 */
export function TextField({ field, label, type = "text", autoComplete, hint, lang }: TextFieldProps) {
  const props = getInputProps(field, { type, ariaDescribedBy: hint ? `${field.id}-hint` : undefined });
  return (
    <FieldFrame field={field} label={label} hint={hint}>
      <input {...props} key={props.key} autoComplete={autoComplete} lang={lang} />
    </FieldFrame>
  );
}

/** A labelled textarea with its hint and error linked for screen readers. */
export function TextAreaField({
  field,
  label,
  hint,
  rows = 4,
  lang,
}: {
  field: FieldMetadata<string>;
  label: string;
  hint?: string;
  rows?: number;
  /** As TextField's. */
  lang?: string;
}) {
  const props = getTextareaProps(field, { ariaDescribedBy: hint ? `${field.id}-hint` : undefined });
  return (
    <FieldFrame field={field} label={label} hint={hint}>
      <textarea {...props} key={props.key} rows={rows} lang={lang} />
    </FieldFrame>
  );
}

export function SelectField({
  field,
  label,
  options,
}: {
  field: FieldMetadata<string>;
  label: string;
  options: { value: string; label: string }[];
}) {
  const errorText = useErrorText(field.errors);
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <select
        id={field.id}
        name={field.name}
        defaultValue={field.initialValue ?? ""}
        aria-invalid={field.errors ? true : undefined}
        aria-describedby={field.errors ? field.errorId : undefined}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <p id={field.errorId} className="field-error" aria-live="polite">
        {errorText}
      </p>
    </div>
  );
}

/** Errors about the whole form (a wrong password, too many attempts), announced when they appear. */
export function FormErrors({ id, errors }: { id: string; errors: string[] | undefined }) {
  const errorText = useErrorText(errors);
  if (!errorText) return null;
  return (
    <div id={id} className="form-errors" role="alert">
      {errorText}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="notice" role="status">
      {children}
    </div>
  );
}
