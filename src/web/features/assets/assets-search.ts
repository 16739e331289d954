// The Assets page's filters as they live in the URL, so a view can be bookmarked and shared.
import { type AssetType, assetTypes } from '../../../shared/api/asset-enums.ts';
import { type AssetState, assetStates } from '../../../shared/api/assets.ts';

export interface AssetsSearch {
  q?: string;
  clientId?: string;
  type?: AssetType;
  managed?: 'yes' | 'no';
  state?: AssetState;
  archived?: 'true' | 'any';
  page?: number;
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

export function parseAssetsSearch(search: Record<string, unknown>): AssetsSearch {
  const page = Number(search.page);
  return {
    q: text(search.q),
    clientId: text(search.clientId),
    type: assetTypes.find((type) => type === search.type),
    managed: search.managed === 'yes' || search.managed === 'no' ? search.managed : undefined,
    state: assetStates.find((state) => state === search.state),
    archived: search.archived === 'true' || search.archived === 'any' ? search.archived : undefined,
    page: Number.isInteger(page) && page > 1 ? page : undefined,
  };
}
