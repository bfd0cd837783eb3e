import { z } from 'zod';

export const ZEmail = z.string().trim().max(320).pipe(z.email('must be a valid email address'));
export const ZPassword = z.string().min(1).max(256);
