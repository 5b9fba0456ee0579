import type { ParamMatcher } from '@sveltejs/kit';
import { isAddressParam } from '$lib/chain/route';

/** An address in the URL (0x and 40 hex digits, any letter case). */
export const match: ParamMatcher = (param) => isAddressParam(param);
