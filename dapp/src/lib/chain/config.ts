// The community's addresses, as every module that reads or writes its contracts takes them. The
// networks and their settings are in networks.ts; the addresses of an open community come from the chain.
export type { Deployment } from '@commonguard/sdk';
