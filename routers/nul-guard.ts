import { AppError } from '../core/errors.ts';

/** The path of the first string (object key or value) holding U+0000, which PostgreSQL text cannot store; null when none. */
export function firstNulPath(input: unknown): string | null {
  const stack: { value: unknown; path: string }[] = [{ value: input, path: '' }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: string };
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return path || '(body)';
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => {
        stack.push({ value: item, path: path ? `${path}.${index}` : String(index) });
      });
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const itemPath = path ? `${path}.${key}` : key;
        if (key.includes('\u0000')) return itemPath.replaceAll('\u0000', '\\u0000');
        stack.push({ value: item, path: itemPath });
      }
    }
  }
  return null;
}

/** API inputs may not carry NUL: one clear 400 naming the field, instead of a failed statement. */
export function rejectNul(input: unknown): void {
  const path = firstNulPath(input);
  if (path !== null) {
    throw new AppError('VALIDATION_FAILED', `${path} contains a NUL character (\\u0000), which is not accepted`, {
      issues: [{ path, message: 'contains a NUL character (\\u0000)' }],
    });
  }
}
