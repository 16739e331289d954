// The assets module's public face.
export {
  type AssetRow,
  clientVisible,
  findAsset,
  insertAsset,
  siteBelongsToClient,
  touchAssetsLastSeen,
} from './assets.repository.ts';
export { createAssetRoutes } from './assets.routes.ts';
export { type AssetService, createAssetService } from './assets.service.ts';
