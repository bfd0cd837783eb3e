/** Mini-XDR's slug rule: lower case, keep [a-z0-9 -], collapse spaces and hyphens to one hyphen, trim, 100 at most. */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9\s-]/g, '')
    .replace(/[\s-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/g, '');
}
