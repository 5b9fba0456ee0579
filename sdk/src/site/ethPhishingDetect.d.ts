// `eth-phishing-detect` ships no types; the detector and its bundled lists, as the wallet uses them.
declare module 'eth-phishing-detect/src/detector.js' {
  type Configuration = { name: string; version: number | string; allowlist?: string[]; blocklist?: string[]; fuzzylist?: string[]; tolerance?: number };
  type Legacy = { whitelist?: string[]; blacklist?: string[]; fuzzylist?: string[]; tolerance?: number };
  type Result = { result: boolean; type: 'allowlist' | 'whitelist' | 'blocklist' | 'blacklist' | 'fuzzy' | 'all'; match?: string; name?: string; version?: number | string };
  export default class PhishingDetector {
    constructor(options: Configuration[] | Legacy);
    check(domain: string): Result;
  }
}
declare module 'eth-phishing-detect/src/config.json' {
  const config: { version: number; tolerance: number; fuzzylist: string[]; whitelist: string[]; blacklist: string[] };
  export default config;
}
