/**
 * The registrable domain ("example.co.uk" for "a.b.example.co.uk"): where a CAA climb stops and the zone
 * a customer usually owns. Uses the Public Suffix List via tldts rather than a hand-kept suffix table.
 */
import { getDomain } from 'tldts';

/**
 * `name` may carry a trailing dot, a leading `*.` and any case. ICANN suffixes only: a private suffix such
 * as github.io is still one registrant's zone for CAA purposes. Names under an unknown suffix (and test
 * TLDs like `.test`) fall back to the last two labels; a bare suffix ("co.uk") is returned as it is.
 */
export function registrableDomain(name: string): string {
  const clean = name.trim().toLowerCase().replace(/\.+$/, '').replace(/^\*\./, '');
  const labels = clean.split('.').filter((label) => label.length > 0);
  if (labels.length <= 2) return labels.join('.');
  return getDomain(labels.join('.')) ?? labels.slice(-2).join('.');
}
