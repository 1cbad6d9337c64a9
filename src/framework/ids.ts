import { z } from 'zod';

/** Ids are stable and human readable: lower case letters, digits and `-`, dot-separated segments. */
export const ItemId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)*$/, {
  message: 'ids use lower-case letters, digits and "-", in dot-separated parts (e.g. "ucd.l2.03")',
});
