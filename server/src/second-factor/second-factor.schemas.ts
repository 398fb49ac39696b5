import { z } from 'zod';
import { MeResponse } from '../auth/auth.schemas.ts';

/** Six digits from the authenticator app. */
export const TotpCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/);

/** A code from the app, or one of the recovery codes (xxxxx-xxxxx; case, spaces and the dash do not matter). */
export const CodeBody = z.union([
  z.object({ code: TotpCode }).strict(),
  z.object({ recoveryCode: z.string().trim().min(10).max(40) }).strict(),
]);
export type CodeBody = z.infer<typeof CodeBody>;

export const ConfirmBody = z.object({ code: TotpCode });

/** Where a half-done sign-in stands: a code to give, or a second factor to enrol first (required roles). */
export const SignInStepResponse = z.object({
  step: z.enum(['code', 'enrol']),
  method: z.enum(['password', 'oidc']),
});
export type SignInStepResponse = z.infer<typeof SignInStepResponse>;

/** The new secret, shown this once: the otpauth:// address, the same as a QR code (PNG data URL), and typed. */
export const EnrolmentResponse = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
  qrCode: z.string(),
});
export type EnrolmentResponse = z.infer<typeof EnrolmentResponse>;

/** Recovery codes, shown this once: each signs in once in place of a code from the app. */
export const RecoveryCodesResponse = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodesResponse = z.infer<typeof RecoveryCodesResponse>;

/** The signed-in user, with the recovery codes when the sign-in step was also the enrolment. */
export const SignInCompleteResponse = MeResponse.extend({ recoveryCodes: z.array(z.string()).nullable() });
export type SignInCompleteResponse = z.infer<typeof SignInCompleteResponse>;

export const SecondFactorStatusResponse = z.object({
  enabled: z.boolean(),
  /** The user's role must have one: it cannot be turned off. */
  required: z.boolean(),
  recoveryCodesLeft: z.number().int(),
});
export type SecondFactorStatusResponse = z.infer<typeof SecondFactorStatusResponse>;
