/** A path inside the application to go to after signing in, or "/" (never another site). */
export function safeNextPath(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return '/';
  }
  if (value.startsWith('/api/') || value.startsWith('/connexion')) return '/';
  return value;
}
