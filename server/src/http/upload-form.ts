import { z } from 'zod';

/** One file in a multipart/form-data upload, as the OpenAPI document names it (a route's `uploadForm`). */
export const FileField = z.string().meta({ format: 'binary' });
