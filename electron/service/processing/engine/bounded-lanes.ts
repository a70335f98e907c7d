/**
 * Runs `fn` over `items` with at most `lanes` in flight — what bounds a job's memory to a few
 * tiles whatever the raster size. On the first failure no new item starts, `onFailure` is told
 * (so in-flight work can be aborted), every lane is awaited, and the first error is thrown.
 */
export async function forEachInLanes<T>(
  items: readonly T[], lanes: number, fn: (item: T) => Promise<void>, onFailure: (error: unknown) => void,
): Promise<void> {
  let next = 0;
  let failed = false;
  let failure: unknown;
  const lane = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const item = items[next++];
      try {
        await fn(item);
      } catch (error) {
        if (!failed) {
          failed = true;
          failure = error;
          onFailure(error);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(lanes, items.length)) }, lane));
  if (failed) throw failure;
}
