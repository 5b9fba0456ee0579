// The actions only a transaction needs, in a module of their own: `appClient` loads it on first use,
// so waiting for a receipt (with its block watcher and transaction lookups) and simulating a write
// are not part of the JavaScript every page loads first.
export { simulateContract, waitForTransactionReceipt } from 'viem/actions';
