// node:crypto's one-shot sha256 for input hashes: the same digest as the engine's
// portable one (engine/canonical.ts), several times faster on a server.
import { hash } from 'node:crypto';
import type { Sha256Hex } from '../../engine/canonical';

export const nativeSha256: Sha256Hex = (text) => hash('sha256', text, 'hex');
