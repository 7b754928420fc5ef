import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { useErrorText } from "~/components/form";

interface FieldProps {
  field: FieldMetadata<unknown>;
  label: string;
  hint?: string;
}

/** Label, hint, control and error, linked for screen readers (as components/form.tsx does for inputs). */
function Field({ field, label, hint, children }: FieldProps & { children: React.ReactNode }) {
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

export function InputField({
  field,
  label,
  hint,
  type,
  min,
  max,
}: FieldProps & { type: "date" | "number" | "color" | "url" | "text"; min?: number; max?: number }) {
  const props = getInputProps(field as FieldMetadata<string>, { type, ariaDescribedBy: hint ? `${field.id}-hint` : undefined });
  return (
    <Field field={field} label={label} hint={hint}>
      <input {...props} key={props.key} min={min} max={max} className={type === "number" ? "input-short" : undefined} />
    </Field>
  );
}
