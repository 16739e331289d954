// The Vendors page's filters as they live in the URL, so a view can be bookmarked and shared.

export interface VendorsSearch {
  q?: string;
  archived?: 'true' | 'any';
  page?: number;
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

export function parseVendorsSearch(search: Record<string, unknown>): VendorsSearch {
  const page = Number(search.page);
  return {
    q: text(search.q),
    archived: search.archived === 'true' || search.archived === 'any' ? search.archived : undefined,
    page: Number.isInteger(page) && page > 1 ? page : undefined,
  };
}
