// biome-ignore lint/performance/noBarrelFile: entry point of the `@commonguard/sdk/effects` subpath
export {
  type EffectsFromSimulationErrorType,
  type EffectsFromSimulationParameters,
  type EffectsFromSimulationReturnType,
  effectsFromSimulation,
  NATIVE_TRANSFER_EMITTER,
  PERMIT2_ADDRESS,
  type SimulatedCall,
  type SimulatedLog,
} from './fromSimulation.js';
export type { AllowanceGranted, AllowanceKind, AssetIn, AssetOut, Effect, EffectsBasis, ItemOut, OperatorGranted, RequestEffects } from './types.js';
