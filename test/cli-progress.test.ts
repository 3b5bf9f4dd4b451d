/** The progress bar of long CLI work (src/cli/progress.ts), with a fake clock and a fake stderr. */
import { describe, expect, it } from 'vitest';
import { createProgress, renderProgress } from '../src/cli/progress';

function fakeStream(isTTY: boolean, columns = 80) {
  const writes: string[] = [];
  return { stream: { isTTY, columns, write: (text: string) => writes.push(text) }, writes };
}

function fakeClock() {
  let t = 1000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('renderProgress', () => {
  it('draws the label, a 20-column bar, the percent and the step count', () => {
    expect(renderProgress(5, 20, 'candidates: w1')).toBe('candidates: w1 [#####---------------]  25% (5/20)');
    expect(renderProgress(0, 0, '')).toBe('[--------------------]   0%');
    expect(renderProgress(0.5, 1, 'searching layouts')).toBe('searching layouts [##########----------]  50%');
    expect(renderProgress(30, 20, 'x')).toContain('100%');
  });

  it('cuts the line to the terminal width, leaving the last column free', () => {
    const line = renderProgress(1, 2, 'a very long label '.repeat(10), 40);
    expect(line.length).toBe(39);
    expect(line.endsWith('…')).toBe(true);
  });
});

describe('createProgress', () => {
  it('writes nothing when stderr is not a terminal', () => {
    const { stream, writes } = fakeStream(false);
    const clock = fakeClock();
    const p = createProgress({ stream, now: clock.now });
    for (let i = 0; i < 100; i++) {
      clock.advance(500);
      p.update(i, 100, 'work');
    }
    p.end();
    expect(writes).toEqual([]);
  });

  it('draws nothing during the first 2 s, and nothing to clear when the work ends before', () => {
    const { stream, writes } = fakeStream(true);
    const clock = fakeClock();
    const p = createProgress({ stream, now: clock.now });
    for (let i = 0; i < 19; i++) {
      clock.advance(100);
      p.update(i, 20, 'work');
    }
    p.end();
    expect(writes).toEqual([]);
  });

  it('after 2 s draws at most ten times a second, on one line, and clears itself at the end', () => {
    const { stream, writes } = fakeStream(true);
    const clock = fakeClock();
    const p = createProgress({ stream, now: clock.now });
    clock.advance(2000);
    // 1 s of updates every 10 ms: 100 updates, 10 draws
    for (let i = 0; i < 100; i++) {
      p.update(i, 100, 'work');
      clock.advance(10);
    }
    expect(writes.length).toBe(10);
    expect(writes[0]).toBe(`\r${renderProgress(0, 100, 'work')}\x1b[K`);
    for (const w of writes) expect(w).not.toContain('\n');
    p.end();
    expect(writes.at(-1)).toBe('\r\x1b[K');
    p.end(); // twice: nothing more
    expect(writes.length).toBe(11);
  });
});
