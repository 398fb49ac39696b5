import { z } from 'zod';

/** What the sign-in screen offers: the single sign-on button only when a provider is configured. */
export const SignInOptionsResponse = z.object({ oidc: z.boolean() });
export type SignInOptionsResponse = z.infer<typeof SignInOptionsResponse>;
