import { describe, expect, it } from 'vitest';
import { DEFAULT_REMOTE_THRESHOLDS, suggestRemote } from '../../../electron/service/openeo/offload/suggest-remote';

const small = { output_pixels: 4_000_000, input_bytes: 500 * 1024 ** 2, local_seconds: 120, scenes: 12 };

describe('suggestRemote', () => {
  it('does not suggest a remote run for a job a workstation does in minutes', () => {
    expect(suggestRemote(small)).toEqual({ suggest_remote: false, reasons: [] });
  });

  it('suggests it when any figure passes its threshold, saying which', () => {
    expect(suggestRemote({ ...small, output_pixels: 1_210_000_000 })).toEqual({ suggest_remote: true, reasons: ['1,210 Mpx to compute (more than 400 Mpx)'] });
    expect(suggestRemote({ ...small, input_bytes: 64 * 1024 ** 3 }).reasons).toEqual(['64.0 GiB to fetch (more than 20.0 GiB)']);
    expect(suggestRemote({ ...small, local_seconds: 5400 }).reasons).toEqual(['≈ 1.5 h of local work (more than 1.0 h)']);
    expect(suggestRemote({ ...small, scenes: 730 }).reasons).toEqual(['730 scenes to read (more than 300)']);
    const all = suggestRemote({ output_pixels: 5e8, input_bytes: 3e10, local_seconds: 4e4, scenes: 400 });
    expect(all.suggest_remote).toBe(true);
    expect(all.reasons).toHaveLength(4);
  });

  it('treats a figure at its threshold, or unknown, as no reason', () => {
    expect(suggestRemote({ ...DEFAULT_REMOTE_THRESHOLDS }).suggest_remote).toBe(false);
    expect(suggestRemote({ output_pixels: 1, input_bytes: null, local_seconds: null, scenes: null }).suggest_remote).toBe(false);
  });

  it('takes other thresholds', () => {
    const strict = { output_pixels: 1e6, input_bytes: 100 * 1024 ** 2, local_seconds: 60, scenes: 5 };
    expect(suggestRemote(small, strict).reasons.map((reason) => reason.split(' ').at(-1))).toEqual(['Mpx)', 'GiB)', 'min)', '5)']);
  });
});
