/**
 * Site origins and domain rules in the exact form the PaymentPolicy stores them, so a page can show
 * what a proposal will store, or refuse it before anyone votes. Mirrors `PaymentPolicy.normaliseOrigin`
 * and `normaliseDomain`: the forge tests pin the contract's behaviour, and `normalise.test.ts` pins
 * these functions to the same cases.
 */

/** The ports a browser leaves out of an origin, by scheme. */
const DEFAULT_PORTS: Readonly<Record<string, number>> = { http: 80, ws: 80, https: 443, wss: 443, ftp: 21 };

/** Why a value is not an origin or a domain, in words for the person who typed it. */
export type SiteValueProblem = { ok: false; reason: string };
/** A value in its stored form. */
export type SiteValue = { ok: true; value: string };

const HOST_LABEL = /^[a-z0-9_-]+$/;

function isHostName(host: string): boolean {
  if (host.length === 0 || host.length > 253) return false;
  return host.split('.').every((label) => HOST_LABEL.test(label));
}

/**
 * Returns `origin` exactly as a browser reports it (`window.location.origin`): lower-case scheme and
 * host, no default port, no leading zeros in the port, no trailing dot, no path (one trailing `/` is
 * dropped). Anything else is refused with a reason.
 *
 * @example
 * normaliseOrigin('HTTPS://Shop.Example.:0443/') // { ok: true, value: 'https://shop.example' }
 */
export function normaliseOrigin(origin: string): SiteValue | SiteValueProblem {
  const problem = (reason: string): SiteValueProblem => ({ ok: false, reason });
  if (origin.length < 4 || origin.length > 300) return problem('An origin looks like https://shop.example.');
  const separator = origin.indexOf(':');
  if (separator <= 0 || origin.slice(separator, separator + 3) !== '://') {
    return problem('An origin starts with its scheme, such as https://.');
  }
  const scheme = origin.slice(0, separator).toLowerCase();
  if (!/^[a-z][a-z0-9+.-]*$/.test(scheme)) return problem(`"${scheme}" is not a scheme such as https.`);
  let end = origin.length;
  if (origin[end - 1] === '/') end -= 1;
  if (end <= separator + 3) return problem('The site name is missing after the scheme.');
  const authority = origin.slice(separator + 3, end).toLowerCase();

  let host: string;
  let portText: string | undefined;
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close < 3 || !/^[0-9a-f:.]+$/.test(authority.slice(1, close))) return problem('The IPv6 address is not valid.');
    host = authority.slice(0, close + 1);
    const rest = authority.slice(close + 1);
    if (rest !== '' && !rest.startsWith(':')) return problem('Only a port may follow the IPv6 address.');
    portText = rest === '' ? undefined : rest.slice(1);
  } else {
    const colon = authority.indexOf(':');
    host = colon === -1 ? authority : authority.slice(0, colon);
    portText = colon === -1 ? undefined : authority.slice(colon + 1);
    if (host.length > 1 && host.endsWith('.')) host = host.slice(0, -1);
    if (!isHostName(host)) {
      return problem(
        /[/?#@]/.test(authority)
          ? 'An origin has no path, query or user name: give only scheme, host and port, like https://shop.example:8443.'
          : 'The host must be letters, digits, hyphens and dots, with no empty parts (write other alphabets in their xn-- form).',
      );
    }
  }

  let port = '';
  if (portText !== undefined && portText !== '') {
    if (!/^[0-9]{1,10}$/.test(portText)) return problem(`"${portText}" is not a port number.`);
    const value = Number(portText);
    if (value > 65535) return problem(`Port ${value} does not exist: ports go from 0 to 65535.`);
    if (value !== DEFAULT_PORTS[scheme]) port = `:${value}`;
  }
  return { ok: true, value: `${scheme}://${host}${port}` };
}

/**
 * The one key a site is known by everywhere (the policy's site rules, the shopper's familiarity with a site,
 * the history): the origin as {@link normaliseOrigin} writes it, so `https://shop.example:443` and
 * `https://shop.example` are one site. Text that is not a valid origin is still keyed (trimmed, lower-case,
 * no trailing `/`), so it matches only itself and is never mistaken for a valid site.
 *
 * @example
 * siteKey('https://Shop.Example:443/') // 'https://shop.example'
 */
export function siteKey(origin: string): string {
  const normalised = normaliseOrigin(origin.trim());
  return normalised.ok ? normalised.value : origin.trim().toLowerCase().replace(/\/+$/, '');
}

/**
 * Returns `domain` as a domain rule stores it: lower-case, no trailing dot. It must be a host name of
 * at least two labels whose last label is not all digits (an IP address has no subdomains).
 *
 * @example
 * normaliseDomain('Scam.Example.') // { ok: true, value: 'scam.example' }
 */
export function normaliseDomain(domain: string): SiteValue | SiteValueProblem {
  const problem = (reason: string): SiteValueProblem => ({ ok: false, reason });
  if (domain.length === 0 || domain.length > 254) return problem('A domain looks like scam.example.');
  let host = domain.toLowerCase();
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (/[:/]/.test(host)) return problem('A domain rule is a name only, like scam.example: no https://, port or path.');
  if (!isHostName(host)) return problem('A domain is letters, digits, hyphens and dots, with no empty parts.');
  const labels = host.split('.');
  if (labels.length < 2) return problem('A domain rule needs at least two parts, like scam.example: a whole top-level domain cannot be listed.');
  if (/^[0-9]+$/.test(labels[labels.length - 1] ?? '')) return problem('An IP address is not a domain; list its exact origin instead.');
  return { ok: true, value: host };
}

/** Whether `host` is `domain` or one of its subdomains (both already normalised). */
export function isWithinDomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}
