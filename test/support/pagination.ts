/** Marker pagination as IAM and KMS do it: opaque markers, a page size with a default and a cap. */

export interface Page<T> {
  items: T[];
  /** Present only when more items follow. */
  nextMarker?: string;
}

export interface PageRequest {
  marker?: string | undefined;
  size?: number | undefined;
}

export interface PageLimits {
  defaultSize: number;
  maxSize: number;
  /** Builds the service's error for a bad marker or size. */
  invalid: (message: string) => Error;
}

export function paginate<T>(items: T[], request: PageRequest, limits: PageLimits): Page<T> {
  const size = request.size ?? limits.defaultSize;
  if (!Number.isInteger(size) || size < 1 || size > limits.maxSize) {
    throw limits.invalid(`Page size must be between 1 and ${limits.maxSize}, got ${String(request.size)}.`);
  }
  const start = request.marker === undefined ? 0 : decodeMarker(request.marker);
  if (start === undefined || start > items.length) throw limits.invalid('Invalid Marker.');
  const end = start + size;
  return end < items.length ? { items: items.slice(start, end), nextMarker: encodeMarker(end) } : { items: items.slice(start) };
}

function encodeMarker(offset: number): string {
  return Buffer.from(`fake-marker:${offset}`).toString('base64');
}

function decodeMarker(marker: string): number | undefined {
  const match = /^fake-marker:(\d+)$/.exec(Buffer.from(marker, 'base64').toString());
  return match ? Number(match[1]) : undefined;
}
