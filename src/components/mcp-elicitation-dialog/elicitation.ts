// What the elicitation dialog warns a person about, as pure functions: form fields that look like
// they ask for a secret (E-07), and the parts of a URL to check before opening it (E-05).
import type { JsonSchema } from '../../core/protocol/types.js';
import { safeLink } from '../../internal/safe-url.js';

const SENSITIVE =
  /pass(word|phrase|code)?|secret|token|api[\s_-]?key|credential|card|cvv|cvc|iban|ssn|social security|pin\b/i;

/**
 * Names of fields that look like they ask for a secret (checklist E-07: servers must not, so warn).
 * Only names and titles count: descriptions often say what *not* to enter ("not your PIN").
 */
export function sensitiveFields(schema: JsonSchema | undefined): string[] {
  const props = (schema?.properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(props)
    .filter(([key, s]) => SENSITIVE.test(key) || SENSITIVE.test(String(s?.title ?? '')))
    .map(([key, s]) => String(s?.title ?? key));
}

/**
 * The parts of a URL a person should check: its host (highlighted), and whether it uses punycode,
 * plain http, or a user-info part (`https://bank.example@evil.example/`) that imitates a host.
 */
export function describeUrl(url: string):
  | {
      href: string;
      host: string;
      before: string;
      after: string;
      punycode: boolean;
      insecure: boolean;
      userinfo: boolean;
    }
  | undefined {
  const href = safeLink(url);
  if (!href) return undefined;
  const u = new URL(href);
  // The host starts after "//" and, when there is user info, after its (serialised, so unique) "@".
  const userinfo = !!(u.username || u.password);
  const start = href.indexOf('//') + 2;
  const at = userinfo ? href.indexOf('@', start) + 1 : start;
  return {
    href,
    host: u.host,
    before: href.slice(0, at),
    after: href.slice(at + u.host.length),
    punycode: u.hostname.split('.').some((l) => l.startsWith('xn--')),
    insecure: u.protocol === 'http:',
    userinfo,
  };
}
