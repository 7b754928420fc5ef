import { getCollectionProps, getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";
import { useErrorText } from "~/components/form";

/*
 * The event form's fields: each labelled, with its hint and error linked
 * through aria-describedby. Room for the error is kept so nothing moves.
 */

function describedBy(field: FieldMetadata<any>, hintId: string | undefined) {
  return [hintId, field.errors ? field.errorId : undefined].filter(Boolean).join(" ") || undefined;
}

function Hint({ id, children }: { id: string | undefined; children: ReactNode }) {
  return id ? (
    <p id={id} className="field-hint">
      {children}
    </p>
  ) : null;
}

function ErrorText({ field }: { field: FieldMetadata<any> }) {
  return (
    <p id={field.errorId} className="field-error" aria-live="polite">
      {useErrorText(field.errors)}
    </p>
  );
}

export function InputField({
  field,
  label,
  type = "text",
  hint,
  autoComplete,
  inputMode,
}: {
  field: FieldMetadata<any>;
  label: string;
  type?: "text" | "url" | "date" | "time" | "datetime-local" | "number";
  hint?: string;
  autoComplete?: string;
  inputMode?: "numeric" | "text" | "url";
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const { key, ...props } = getInputProps(field, { type, ariaAttributes: false });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <Hint id={hintId}>{hint}</Hint>
      <input
        key={key}
        {...props}
        aria-invalid={field.errors ? true : undefined}
        aria-describedby={describedBy(field, hintId)}
        autoComplete={autoComplete ?? "off"}
        inputMode={inputMode}
      />
      <ErrorText field={field} />
    </div>
  );
}

export function TextareaField({
  field,
  label,
  hint,
  rows = 6,
}: {
  field: FieldMetadata<any>;
  label: string;
  hint?: string;
  rows?: number;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const { key, ...props } = getTextareaProps(field, { ariaAttributes: false });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <Hint id={hintId}>{hint}</Hint>
      <textarea
        key={key}
        {...props}
        rows={rows}
        aria-invalid={field.errors ? true : undefined}
        aria-describedby={describedBy(field, hintId)}
      />
      <ErrorText field={field} />
    </div>
  );
}

export function ChoiceField({
  field,
  label,
  options,
  hint,
}: {
  field: FieldMetadata<any>;
  label: string;
  options: { value: string; label: string }[];
  hint?: string;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const { key, ...props } = getSelectProps(field, { ariaAttributes: false });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <Hint id={hintId}>{hint}</Hint>
      <select key={key} {...props} aria-invalid={field.errors ? true : undefined} aria-describedby={describedBy(field, hintId)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <ErrorText field={field} />
    </div>
  );
}

export function CheckboxField({ field, label, hint }: { field: FieldMetadata<any>; label: string; hint?: string }) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const { key, ...props } = getInputProps(field, { type: "checkbox", ariaAttributes: false });
  return (
    <div className="field field-checkbox">
      <div className="checkbox-row">
        <input key={key} {...props} aria-describedby={describedBy(field, hintId)} />
        <label htmlFor={field.id}>{label}</label>
      </div>
      <Hint id={hintId}>{hint}</Hint>
      <ErrorText field={field} />
    </div>
  );
}

/** Several checkboxes in a fieldset, its legend read with each of them. */
export function CheckboxGroup({
  field,
  legend,
  options,
}: {
  field: FieldMetadata<any>;
  legend: string;
  options: { value: string; label: string }[];
}) {
  const boxes = getCollectionProps(field, { type: "checkbox", options: options.map((o) => o.value), ariaAttributes: false });
  return (
    <fieldset className="field checkbox-group" aria-describedby={field.errors ? field.errorId : undefined}>
      <legend>{legend}</legend>
      {boxes.map(({ key, ...props }, index) => (
        <div className="checkbox-row" key={key}>
          <input {...props} />
          <label htmlFor={props.id}>{options[index]!.label}</label>
        </div>
      ))}
      <ErrorText field={field} />
    </fieldset>
  );
}
