import { z } from "zod";

/**
 * Form schemas, shared by the browser and the server. Error messages are i18n
 * keys under `validation`; the form translates them for the reader.
 */
export const PASSWORD_MIN_LENGTH = 10;

export const emailField = z
  .string({ error: "validation.required" })
  .trim()
  .max(254, { error: "validation.tooLong" })
  .pipe(z.email({ error: "validation.email" }))
  .transform((email) => email.toLowerCase());

const newPassword = z
  .string({ error: "validation.required" })
  .min(PASSWORD_MIN_LENGTH, { error: "validation.passwordTooShort" })
  .max(200, { error: "validation.tooLong" });

export const SignInSchema = z.object({
  email: emailField,
  password: z.string({ error: "validation.required" }).max(200, { error: "validation.tooLong" }),
  redirectTo: z.string().optional(),
});

export const ForgotPasswordSchema = z.object({ email: emailField });

export const ResetPasswordSchema = z
  .object({
    password: newPassword,
    confirmPassword: z.string({ error: "validation.required" }),
  })
  .refine((value) => value.password === value.confirmPassword, {
    error: "validation.passwordsDoNotMatch",
    path: ["confirmPassword"],
  });

export const AcceptInvitationSchema = z
  .object({
    name: z
      .string({ error: "validation.required" })
      .trim()
      .min(1, { error: "validation.required" })
      .max(100, { error: "validation.tooLong" }),
    password: newPassword,
    confirmPassword: z.string({ error: "validation.required" }),
  })
  .refine((value) => value.password === value.confirmPassword, {
    error: "validation.passwordsDoNotMatch",
    path: ["confirmPassword"],
  });
