import { getInputProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useT } from "~/i18n/react";
import type { MessageKey } from "~/i18n/translate";
import type { FormQuestion } from "~/modules/registrations/registrations.schema";

/**
 * One organiser question on the registration form: a text field, a text
 * area, or a group of radio buttons or checkboxes in a fieldset whose legend
 * is the question. The error is linked to the control(s) it is about.
 */
export function RegistrationQuestionField({ question, field }: { question: FormQuestion; field: FieldMetadata<string | string[]> }) {
  const t = useT();
  const label = `${question.label} (${question.required ? t("registrations.register.required") : t("registrations.register.optional")})`;
  const errorText = field.errors?.map((error) => (error.includes(".") ? t(error as MessageKey) : error)).join(" ");
  const error = (
    <p id={field.errorId} className="field-error" aria-live="polite">
      {errorText}
    </p>
  );
  const invalid = field.errors ? true : undefined;
  const describedBy = field.errors ? field.errorId : undefined;

  if (question.kind === "short_text" || question.kind === "long_text") {
    const text = field as FieldMetadata<string>;
    return (
      <div className="field">
        <label htmlFor={field.id}>{label}</label>
        {question.kind === "short_text" ? (
          <input {...getInputProps(text, { type: "text" })} key={field.key} />
        ) : (
          <textarea {...getTextareaProps(text)} key={field.key} rows={4} />
        )}
        {error}
      </div>
    );
  }

  const multiple = question.kind === "multiple_choice";
  const initial = field.initialValue;
  const chosen = new Set(Array.isArray(initial) ? initial : initial ? [initial] : []);
  return (
    <fieldset className="choices" aria-describedby={describedBy} aria-invalid={invalid}>
      <legend>{label}</legend>
      {question.options.map((option, index) => (
        <label key={option} className="choice" htmlFor={`${field.id}-${index}`}>
          <input
            id={`${field.id}-${index}`}
            type={multiple ? "checkbox" : "radio"}
            name={field.name}
            value={option}
            defaultChecked={chosen.has(option)}
            aria-invalid={invalid}
            aria-describedby={describedBy}
          />
          {option}
        </label>
      ))}
      {error}
    </fieldset>
  );
}
