import type { ParamMatcher } from '@sveltejs/kit';
import { isChainIdParam } from '$lib/chain/route';

/** A chain id in the URL: digits only, so `/proposals/7` is never read as chain "proposals". */
export const match: ParamMatcher = (param) => isChainIdParam(param);
