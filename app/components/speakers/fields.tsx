import { getInputProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useT } from "~/i18n/react";
import type { MessageKey } from "~/i18n/translate";

/** Fields the speaker forms need beyond components/form.tsx: text areas, check boxes, radio groups. */
function useErrorText(errors: string[] | undefined) {
  const t = useT();
  return errors?.map((error) => (error.includes(".") ? t(error as MessageKey) : error)).join(" ");
}

export function TextAreaField({ field, label, hint, rows = 4 }: { field: FieldMetadata<string>; label: string; hint?: string; rows?: number }) {
  const errorText = useErrorText(field.errors);
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getTextareaProps(field, { ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <textarea {...props} key={props.key} rows={rows} />
      <p id={field.errorId} className="field-error" aria-live="polite">
        {errorText}
      </p>
    </div>
  );
}

export function CheckboxField({ field, label }: { field: FieldMetadata<boolean>; label: string }) {
  const props = getInputProps(field, { type: "checkbox" });
  return (
    <div className="checkbox-field">
      <input {...props} key={props.key} />
      <label htmlFor={field.id}>{label}</label>
    </div>
  );
}

export function RadioGroup({
  field,
  legend,
  options,
}: {
  field: FieldMetadata<string>;
  legend: string;
  options: { value: string; label: string }[];
}) {
  const errorText = useErrorText(field.errors);
  return (
    <fieldset
      className="radio-group"
      aria-invalid={field.errors ? true : undefined}
      aria-describedby={field.errors ? field.errorId : undefined}
    >
      <legend>{legend}</legend>
      {options.map((option) => {
        const id = `${field.id}-${option.value}`;
        return (
          <div key={option.value} className="checkbox-field">
            <input
              type="radio"
              id={id}
              name={field.name}
              value={option.value}
              defaultChecked={field.initialValue === option.value}
            />
            <label htmlFor={id}>{option.label}</label>
          </div>
        );
      })}
      <p id={field.errorId} className="field-error" aria-live="polite">
        {errorText}
      </p>
    </fieldset>
  );
}
