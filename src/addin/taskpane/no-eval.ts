/**
 * Imported first by the task pane: zod, which validates the framework in the pane, probes whether
 * it may compile parsers with `new Function` unless told not to. The pane's Content Security
 * Policy forbids eval, so the probe would only be refused (and reported as a violation). Jitless
 * parsing gives the same results, a little slower.
 */
import { z } from 'zod';

z.config({ jitless: true });
