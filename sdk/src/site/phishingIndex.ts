// biome-ignore lint/performance/noBarrelFile: entry point of the `@commonguard/sdk/phishing` subpath
// A subpath of its own: the lists weigh about 380 kB, and only the wallet's background needs them.
export { checkPhishingList, PHISHING_LIST_NAME, type PhishingListMatch } from './phishingList.js';
