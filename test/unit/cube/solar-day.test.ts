/**
 * Solar-day grouping against odc-stac's algorithm transcribed to Python (whole-hour offsets
 * truncated toward zero, groups keyed by platform + solar date, scenes ordered by time then id),
 * on seeded scenes whose longitudes sit on and around the 15° steps and whose times sit around
 * midnight UTC, written with Z, with offsets and with fractional seconds.
 */
import { describe, expect, it } from 'vitest';
import { groupBySolarDay, solarDay, solarOffsetHours, type SceneObservation } from '../../../workers/lib/cube/solar-day';
import { seededRandom } from '../../helpers/seeded-random';
import { runPython } from './helpers/python';

const PLATFORMS = ['sentinel-2a', 'Sentinel-2B', 'LANDSAT_8', 'landsat-9'];
const LONGITUDES = [-180, -172.5, -15, -15.0001, -7.5, -7.4999, 0, 7.4999, 7.5, 14.9999, 15, 22.5, 179.9, 180];

function scenes(seed: number, count: number): SceneObservation[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const ms = Date.UTC(2024, 5, 1) + Math.floor((random() - 0.5) * 4 * 86_400) * 1000 + (i % 7 === 0 ? 123 : 0);
    const iso = new Date(ms).toISOString();
    const style = i % 3;
    const datetime = style === 0 ? iso.replace('.000Z', 'Z') : style === 1 ? iso.replace('Z', '456Z') : shifted(ms, 2);
    const longitude = random() < 0.4 ? LONGITUDES[Math.floor(random() * LONGITUDES.length)] : random() * 360 - 180;
    return { id: `S${String(Math.floor(random() * 50)).padStart(2, '0')}-${i}`, platform: PLATFORMS[Math.floor(random() * PLATFORMS.length)], datetime, longitude };
  });
}

/** The same instant written with a +hh:00 offset. */
function shifted(ms: number, hours: number): string {
  return new Date(ms + hours * 3_600_000).toISOString().replace('Z', `+${String(hours).padStart(2, '0')}:00`);
}

async function reference(list: SceneObservation[], longitude: number | null): Promise<unknown> {
  return JSON.parse(await runPython('solar-day-reference.py', [JSON.stringify({ scenes: list, longitude })]));
}

function plain(groups: ReturnType<typeof groupBySolarDay>): unknown {
  return groups.map((g) => ({ label: g.label, platform: g.platform, datetime: g.datetime, scenes: g.scenes.map((s) => s.id) }));
}

describe('solar-day grouping equals odc-stac (transcribed) with the platform in the key', () => {
  const list = scenes(7, 400);

  it('by each scene footprint centroid', async () => {
    const groups = groupBySolarDay(list);
    expect(plain(groups)).toEqual(await reference(list, null));
    expect(groups.length).toBeGreaterThan(20);
    expect(groups.some((g) => g.scenes.length > 2)).toBe(true);
  });

  it.each([-97.3, -7.4999, 7.5, 151.2])('by one longitude for every scene (%s°)', async (longitude) => {
    expect(plain(groupBySolarDay(list, { longitude }))).toEqual(await reference(list, longitude));
  });

  it('does not depend on the order the scenes come in', () => {
    const reversed = [...list].reverse();
    expect(plain(groupBySolarDay(reversed))).toEqual(plain(groupBySolarDay(list)));
  });
});

describe('solar day of one instant', () => {
  it('shifts by whole hours truncated toward zero, like Python int()', () => {
    expect([-7.4999, -7.5, -15, -15.0001, 14.9999, 179.9, 180].map(solarOffsetHours)).toEqual([0, 0, -1, -1, 0, 11, 12]);
    expect(solarOffsetHours(190)).toBe(solarOffsetHours(-170));
    expect(solarOffsetHours(NaN)).toBe(0);
  });

  it('moves late-UTC passes east of Greenwich to the next day and early ones west to the day before', () => {
    expect(solarDay('2024-06-01T22:30:00Z', 45)).toBe('2024-06-02');
    expect(solarDay('2024-06-01T02:30:00Z', -45)).toBe('2024-05-31');
    expect(solarDay('2024-06-01T02:30:00+03:00', 0)).toBe('2024-05-31');
  });

  it('names the scene whose datetime cannot be read', () => {
    expect(() => groupBySolarDay([{ id: 'bad', platform: 'landsat-8', datetime: 'yesterday', longitude: 0 }])).toThrow(/scene 'bad'/);
  });
});
