/** Follows a marker-paginated list call until the last page (or until `limit` items). */
export async function collectPages<T>(
  fetchPage: (marker: string | undefined) => Promise<{ items: readonly T[]; nextMarker: string | undefined }>,
  limit = Number.POSITIVE_INFINITY,
): Promise<T[]> {
  const items: T[] = [];
  let marker: string | undefined;
  do {
    const page = await fetchPage(marker);
    items.push(...page.items);
    marker = page.nextMarker;
  } while (marker !== undefined && items.length < limit);
  return items.slice(0, limit);
}
