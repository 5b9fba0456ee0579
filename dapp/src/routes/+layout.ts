// A purely client-side app: no server rendering, no prerendered pages (the fallback page serves all).
export const ssr = false;
export const prerender = false;
