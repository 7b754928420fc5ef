import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { FieldFrame } from "~/components/form";

interface FieldProps {
  field: FieldMetadata<unknown>;
  label: string;
  hint?: string;
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
    <FieldFrame field={field} label={label} hint={hint}>
      <input {...props} key={props.key} min={min} max={max} className={type === "number" ? "input-short" : undefined} />
    </FieldFrame>
  );
}
