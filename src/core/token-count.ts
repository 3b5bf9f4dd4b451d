/**
 * Token counts as people write them (`15T`, `300B`, `14.8t`, `2e12`, `4M`): one reader for every boundary that takes
 * one (training requests, comparisons, planning scenarios), one range for all of them.
 */
import { z } from 'zod';
import { say } from './messages/say';

/** At most 10^18 tokens (a million times the largest published pre-training run), at least one. */
export const MAX_TOKENS = 1e18;

const SCALE: Record<string, number> = { '': 1, k: 1e3, m: 1e6, b: 1e9, g: 1e9, t: 1e12 };

/** `15T`, `300B`, `2e12`, `1.5t` as tokens; null when the text is no count from 1 to MAX_TOKENS. */
export function parseTokenCount(text: string): number | null {
  const match = /^\s*([0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?)\s*([kmbgt]?)\s*$/i.exec(text);
  if (!match) return null;
  const value = Number(match[1]) * SCALE[match[2]!.toLowerCase()]!;
  return inRange(value) ? value : null;
}

const inRange = (tokens: number) => Number.isFinite(tokens) && tokens >= 1 && tokens <= MAX_TOKENS;

const TOKEN_COUNT = say('train.token-count');

/** A number of tokens, or text such as `15T` or `2e12`, from 1 to MAX_TOKENS. */
export const tokenCountSchema = z
  .union([z.number(), z.string().max(40)], { error: TOKEN_COUNT })
  .transform((value, ctx) => {
    const parsed = typeof value === 'string' ? parseTokenCount(value) : inRange(value) ? value : null;
    if (parsed === null) {
      ctx.addIssue({ code: 'custom', message: TOKEN_COUNT });
      return z.NEVER;
    }
    return parsed;
  });
