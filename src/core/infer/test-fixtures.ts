/** Hand-made hardware profiles for the serving tests (round numbers make hand checks easy). */
import type { HardwareProfile } from '../hardware/profile';

export function testProfile(overrides: Partial<HardwareProfile> = {}): HardwareProfile {
  return {
    id: 'test-gpu',
    systemId: null,
    chipId: 'test-gpu',
    chipName: 'Test GPU',
    vendor: 'Test',
    family: 'test-family',
    softwareStack: 'other',
    achievedMatmulFraction: null,
    domestic: false,
    peakTflops: { bf16: 1000, fp16: 1000, fp8: 2000, fp4: null, int8: 2000, fp32: 60 },
    hbmCapacityGB: 100,
    hbmBandwidthTBps: 4,
    scaleUpDomainSize: 8,
    scaleUpBandwidthGBps: 400,
    scaleUpLatencyUs: 1,
    scaleOutBandwidthGBps: 50,
    scaleOutLatencyUs: 5,
    powerWPerDevice: null,
    priceUsdPerDevice: null,
    diesPerPackage: 1,
    assumptions: [],
    ...overrides,
  };
}
