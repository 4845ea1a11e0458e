/**
 * Identity documents (national ID, passport, tax ID, social security number): issuers print them
 * grouped by spaces, dashes, dots or slashes (`QQ 12 34 56 C`, `123-45-6789`), while the number is
 * only the letters and digits, so separators are dropped.
 */
export function canonicaliseIdentityDocument(clean: string): string {
  return clean.replace(/[\s\-./]+/g, '');
}
