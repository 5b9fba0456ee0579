// biome-ignore lint/performance/noBarrelFile: entry point of the `@commonguard/sdk/effects` subpath
export type { AllowanceGranted, AllowanceKind, AssetIn, AssetOut, Effect, EffectsBasis, ItemOut, OperatorGranted, RequestEffects } from './types.js';
