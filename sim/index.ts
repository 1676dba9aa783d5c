/**
 * pcelab's public facade: what sim/cli and web/ use. Layers below are reached through here.
 */
export * from './pcep/index.ts';
