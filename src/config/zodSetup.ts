/**
 * Imported first by the page and the worker: zod compiles object parsers with `new Function` unless told not
 * to, and its probe for that (`Function('')`) is a Content-Security-Policy violation under our policy (no
 * eval; scripts/contentSecurityPolicy.ts), reported even though zod catches it. Jitless parsing is plenty fast
 * for settings and imported files.
 */
import { z } from 'zod';

z.config({ jitless: true });
