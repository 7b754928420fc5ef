import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { useErrorText } from "~/components/form";

export { TextAreaField } from "~/components/form";

export function CheckboxField({ field, label }: { field: FieldMetadata<string | boolean>; label: string }) {
  const errorText = useErrorText(field.errors);
  const props = getInputProps(field as FieldMetadata<string>, { type: "checkbox", value: "on" });
  return (
    <div className="field field-checkbox">
      <label>
        <input {...props} key={props.key} /> {label}
      </label>
      <p id={field.errorId} className="field-error" aria-live="polite">
        {errorText}
      </p>
    </div>
  );
}

/** A select whose first choice is empty, with the error linked. */
export function ChoiceField({
  field,
  label,
  options,
  emptyLabel,
  hint,
}: {
  field: FieldMetadata<string>;
  label: string;
  options: { value: string; label: string }[];
  emptyLabel: string;
  hint?: string;
}) {
  const errorText = useErrorText(field.errors);
  const hintId = hint ? `${field.id}-hint` : undefined;
  const describedBy = [hintId, field.errors ? field.errorId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <select
        id={field.id}
        name={field.name}
        defaultValue={field.initialValue ?? ""}
        key={field.key}
        aria-invalid={field.errors ? true : undefined}
        aria-describedby={describedBy}
      >
        <option value="">{emptyLabel}</option>
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
