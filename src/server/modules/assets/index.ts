// The assets module's public face.
export { type AssetRow, insertAsset, touchAssetsLastSeen } from './assets.repository.ts';
export { createAssetRoutes } from './assets.routes.ts';
export { type AssetService, assetState, createAssetService } from './assets.service.ts';
