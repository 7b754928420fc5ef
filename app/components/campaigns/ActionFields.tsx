import type { FieldMetadata } from "@conform-to/react";
import { SelectField } from "~/components/form";
import { useT } from "~/i18n/react";
import { InputField } from "./fields";

export interface OwnerChoices {
  users: { id: string; name: string }[];
  partners: { id: string; name: string }[];
}

/**
 * When an action is due (a date, or days before or after the campaign's day)
 * and who owns it: the part the "add action" and "edit action" forms share.
 */
export function ActionDueAndOwnerFields({
  fields,
  anchor,
  owners,
}: {
  fields: Record<"dueKind" | "direction" | "dueOn" | "owner", FieldMetadata<string, any>> & { offsetDays: FieldMetadata<unknown, any> };
  /** The day offsets count from, as the reader sees it. */
  anchor: string;
  owners: OwnerChoices;
}) {
  const t = useT();
  return (
    <>
      <SelectField
        field={fields.dueKind}
        label={t("campaigns.actions.dueKind")}
        options={[
          { value: "offset", label: t("campaigns.actions.dueKindOffset", { day: anchor }) },
          { value: "date", label: t("campaigns.actions.dueKindDate") },
        ]}
      />
      <div className="field-row">
        <InputField type="number" field={fields.offsetDays} label={t("campaigns.actions.offsetDays")} min={0} max={730} />
        <SelectField
          field={fields.direction}
          label={t("campaigns.actions.direction")}
          options={[
            { value: "before", label: t("campaigns.actions.before", { day: anchor }) },
            { value: "after", label: t("campaigns.actions.after", { day: anchor }) },
          ]}
        />
      </div>
      <InputField type="date" field={fields.dueOn} label={t("campaigns.actions.dueOn")} hint={t("campaigns.actions.dueOnHint")} />
      <SelectField
        field={fields.owner}
        label={t("campaigns.actions.owner")}
        options={[
          { value: "", label: t("campaigns.actions.noOwner") },
          ...owners.users.map((u) => ({ value: `user:${u.id}`, label: t("campaigns.actions.ownerUser", { name: u.name }) })),
          ...owners.partners.map((p) => ({ value: `partner:${p.id}`, label: t("campaigns.actions.ownerPartner", { name: p.name }) })),
        ]}
      />
    </>
  );
}
