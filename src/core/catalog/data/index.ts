/** The built-in catalog: one file per vendor (or group of vendors), merged in this order. */
import type { CatalogFile } from '../schema';
import { AMD } from './amd';
import { CAMBRICON } from './cambricon';
import { GOOGLE } from './google';
import { HUAWEI } from './huawei';
import { HUAWEI_ROADMAP } from './huawei-roadmap';
import { INTEL } from './intel';
import { NVIDIA } from './nvidia';
import { NVIDIA_ROADMAP } from './nvidia-roadmap';
import { OTHERS_CN } from './others-cn';

export const BUILTIN_CATALOG_FILES: ReadonlyArray<{ readonly name: string; readonly file: CatalogFile }> = [
  { name: 'huawei', file: HUAWEI },
  { name: 'huawei-roadmap', file: HUAWEI_ROADMAP },
  { name: 'cambricon', file: CAMBRICON },
  { name: 'others-cn', file: OTHERS_CN },
  { name: 'nvidia', file: NVIDIA },
  { name: 'nvidia-roadmap', file: NVIDIA_ROADMAP },
  { name: 'amd', file: AMD },
  { name: 'google', file: GOOGLE },
  { name: 'intel', file: INTEL },
];
