import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { useErrorText } from "~/components/form";

export { TextAreaField } from "~/components/form";

/** Fields the speaker forms need beyond components/form.tsx: check boxes and radio groups. */

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
            <input type="radio" id={id} name={field.name} value={option.value} defaultChecked={field.initialValue === option.value} />
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
