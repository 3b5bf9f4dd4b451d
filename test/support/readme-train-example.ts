/** The README's training example as `chipmix train estimate` arguments (web/CLI parity tests type the same). */
export const README_TRAIN_ESTIMATE = [
  'train',
  'estimate',
  '--model',
  'llama3-70b',
  '--hardware',
  'huawei-atlas-800t-a2',
  '--devices',
  '1024',
  '--seq-len',
  '8192',
  '--global-batch',
  '1024',
  '--tokens',
  '15T',
  '--json',
] as const;
