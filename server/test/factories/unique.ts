import { randomBytes } from 'node:crypto';

/** A short random tag that keeps generated names, slugs and numbers apart between tests. */
export const uniq = () => randomBytes(4).toString('hex');
