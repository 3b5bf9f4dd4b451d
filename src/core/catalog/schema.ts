/**
 * The catalog schema: the single source of truth for hardware facts, in the built-in data files,
 * user catalog files (YAML/JSON), the CLI and later the HTTP API. Types are derived from it.
 *
 * Conventions (see docs/CATALOG.md):
 * - Every number is a {@link Spec}: value, unit, confidence and at least one source.
 * - Peak FLOP/s are *dense* (no 2:4 sparsity), per package as the vendor sells it
 *   (an Ascend 910C package = 2 dies; an MI250X GCD = half an MI250X).
 * - `scaleUpBandwidthGBps` is the vendor's aggregate per chip, both directions added
 *   (NVLink 4 on H100: 900 GB/s); the engine uses half of it per direction.
 * - `scaleOutBandwidthGbps` is the NIC bandwidth per chip, one direction (400 Gb/s ConnectX-7).
 */
import { z } from 'zod';
import { isIsoDate } from '../iso-date';
import { STATUSES } from './statuses';

export const CONFIDENCES = ['official', 'analysis', 'rumour', 'derived'] as const;
export const confidenceSchema = z.enum(CONFIDENCES);
export type Confidence = z.infer<typeof confidenceSchema>;

export const sourceSchema = z.strictObject({
  title: z.string().min(1, 'expected a non-empty title'),
  url: z.string().min(1, 'expected a non-empty url'),
});
export type Source = z.infer<typeof sourceSchema>;

const positive = z.number({ error: 'expected a positive number' }).positive('expected a positive number');
const nonNegative = z.number({ error: 'expected a number >= 0' }).nonnegative('expected a number >= 0');

export const alternativeSchema = z.strictObject({
  value: nonNegative,
  confidence: confidenceSchema,
  sources: z.array(sourceSchema).min(1, 'expected at least one source'),
  note: z.string().optional(),
});
export type Alternative = z.infer<typeof alternativeSchema>;

/** A sourced number. `value` is in `unit`; alternatives keep disputed values with their own sources. */
export const specSchema = z.strictObject({
  value: nonNegative,
  unit: z.string().min(1),
  confidence: confidenceSchema,
  sources: z.array(sourceSchema).min(1, 'expected at least one source'),
  alternatives: z.array(alternativeSchema).optional(),
  note: z.string().optional(),
});
export type Spec = z.infer<typeof specSchema>;

/** A spec whose value must be strictly positive (capacities, bandwidths, counts). */
export const positiveSpecSchema = specSchema.extend({ value: positive });

/**
 * Where an entry stands in its life: `shipping`; the roadmap (`announced` by the vendor, or only
 * `rumoured`); `retired` (discontinued, or no longer sold into China). Planners read the roadmap
 * statuses together with `availableFrom`.
 */
export { STATUSES };
export const statusSchema = z.enum(STATUSES);
export type Status = z.infer<typeof statusSchema>;
/** The roadmap statuses: announced or rumoured, not shipping yet. */
export const ROADMAP_STATUSES: ReadonlyArray<Status> = ['announced', 'rumoured'];
export const isRoadmap = (status: Status): boolean => ROADMAP_STATUSES.includes(status);

/**
 * When an entry can be bought: a day `YYYY-MM-DD`, a month `YYYY-MM`, a quarter `YYYY-Qn`, a half
 * `YYYY-Hn` or a year `YYYY`, as precise as the source is ("Q4 2026" stays a quarter).
 */
export const AVAILABILITY_PATTERN = /^\d{4}(-(Q[1-4]|H[12]|(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?))?$/;
const availabilityValue = z
  .string()
  .regex(
    AVAILABILITY_PATTERN,
    'expected a date YYYY-MM-DD, a month YYYY-MM, a quarter YYYY-Qn, a half YYYY-Hn or a year YYYY',
  )
  .refine((value) => value.length !== 10 || isIsoDate(value), 'expected a calendar date');

/** A sourced availability date; alternatives keep other announced or reported dates. */
export const availabilitySchema = z.strictObject({
  value: availabilityValue,
  confidence: confidenceSchema,
  sources: z.array(sourceSchema).min(1, 'expected at least one source'),
  alternatives: z
    .array(
      z.strictObject({
        value: availabilityValue,
        confidence: confidenceSchema,
        sources: z.array(sourceSchema).min(1, 'expected at least one source'),
        note: z.string().optional(),
      }),
    )
    .optional(),
  note: z.string().optional(),
});
export type Availability = z.infer<typeof availabilitySchema>;

/** Software stacks a chip is programmed with. */
export const SOFTWARE_STACKS = [
  'CUDA',
  'CANN',
  'Neuware',
  'ROCm',
  'DTK',
  'XPU',
  'MUSA',
  'MACA',
  'XLA',
  'SynapseAI',
  'other',
] as const;
export const softwareStackSchema = z.enum(SOFTWARE_STACKS);
export type SoftwareStack = z.infer<typeof softwareStackSchema>;

/**
 * US export-control status for sale into China.
 * - `not-applicable`: PRC-designed part (US licensing does not govern its sale inside China), or a part
 *   not sold as hardware (Google TPUs: cloud capacity only).
 * - `prohibited`: licence required with a presumption of denial (A100, H100, H800 after Oct 2023...).
 * - `licence-required`: case-by-case licences (H20 from April 2025, H200 from late 2025...).
 * - `allowed`: no licence needed.
 */
export const EXPORT_STATUSES = ['not-applicable', 'prohibited', 'licence-required', 'allowed'] as const;
export const exportControlSchema = z.strictObject({
  status: z.enum(EXPORT_STATUSES),
  asOf: z.iso.date({ error: 'expected a date YYYY-MM-DD' }),
  note: z.string().optional(),
  sources: z.array(sourceSchema).min(1, 'expected at least one source'),
});
export type ExportControl = z.infer<typeof exportControlSchema>;

/** Numeric chip specs. Keys carry their unit; all optional because many chips lack some. */
export const chipSpecsSchema = z.strictObject({
  fp64DenseTflops: specSchema.optional(),
  fp32DenseTflops: specSchema.optional(),
  tf32DenseTflops: specSchema.optional(),
  bf16DenseTflops: positiveSpecSchema.optional(),
  /**
   * Measured maximum achievable bf16 matmul throughput (best-shaped large GEMM, e.g. Bekman's MAMF benchmark):
   * how much of the datasheet peak the chip's math library reaches. The training engine scales its stack prior
   * by it for chips without published runs.
   */
  bf16MatmulAchievedTflops: positiveSpecSchema.optional(),
  fp16DenseTflops: positiveSpecSchema.optional(),
  fp8DenseTflops: positiveSpecSchema.optional(),
  int8DenseTops: positiveSpecSchema.optional(),
  fp4DenseTflops: positiveSpecSchema.optional(),
  hbmCapacityGB: positiveSpecSchema.optional(),
  hbmBandwidthTBps: positiveSpecSchema.optional(),
  scaleUpBandwidthGBps: positiveSpecSchema.optional(),
  scaleOutBandwidthGbps: positiveSpecSchema.optional(),
  tdpW: positiveSpecSchema.optional(),
  priceUsd: positiveSpecSchema.optional(),
  diesPerPackage: positiveSpecSchema.optional(),
});
export type ChipSpecs = z.infer<typeof chipSpecsSchema>;
export type ChipSpecName = keyof ChipSpecs;

/** A spec that has no value on purpose: the feature does not exist, or the metric does not apply. */
function notApplicableSchema<K extends z.ZodType<string>>(spec: K) {
  return z.strictObject({
    spec,
    reason: z.string().min(1, 'expected a reason'),
    sources: z.array(sourceSchema).min(1, 'expected at least one source'),
  });
}

const idSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]*$/, 'expected a lower-case id of letters, digits, dots and dashes');

export const chipSchema = z.strictObject({
  id: idSchema,
  vendor: z.string().min(1),
  name: z.string().min(1),
  /** ISO 3166 alpha-2 code of the vendor's home country. */
  vendorCountry: z.string().length(2, 'expected a two-letter country code'),
  /** Vendor in the PRC. */
  domestic: z.boolean(),
  status: statusSchema,
  /** Hardware family used for calibration (efficiency profiles) and error bands. */
  family: z.string().min(1),
  /** When this id is an alias of another bin (for example `huawei-ascend-910b`), why. */
  aliasOf: z.strictObject({ id: idSchema, reason: z.string().min(1) }).optional(),
  softwareStack: z.array(softwareStackSchema).min(1),
  softwareSources: z.array(sourceSchema).min(1, 'expected at least one source'),
  exportControl: exportControlSchema,
  /** System id used when this chip is given where a system is expected. */
  defaultSystem: idSchema.optional(),
  specs: chipSpecsSchema,
  /** When the vendor sells it (required in spirit for roadmap entries; `catalog audit` lists gaps). */
  availableFrom: availabilitySchema.optional(),
  /** Specs that are absent on purpose, with the source that says so (no FP8 on Ascend 910C...). */
  notApplicable: z.array(notApplicableSchema(chipSpecsSchema.keyof())).optional(),
  notes: z.string().optional(),
});
export type Chip = z.infer<typeof chipSchema>;

export const systemSpecsSchema = z.strictObject({
  chipsPerSystem: positiveSpecSchema,
  /** Devices that share the scale-up fabric (8 in an HGX server, 72 in NVL72, 384 in CloudMatrix 384). */
  scaleUpDomainSize: positiveSpecSchema,
  /** Per chip, both directions added (see the module comment). */
  scaleUpBandwidthGBps: positiveSpecSchema,
  scaleUpLatencyUs: positiveSpecSchema.optional(),
  /** Per chip, one direction. */
  scaleOutBandwidthGbps: positiveSpecSchema,
  scaleOutLatencyUs: positiveSpecSchema.optional(),
  /** Whole-system power (all chips, hosts, switches, cooling inside the system boundary). */
  powerKW: positiveSpecSchema.optional(),
  priceUsd: positiveSpecSchema.optional(),
  /** Racks one system fills (compute and network racks together), for per-rack comparisons. */
  racksPerSystem: positiveSpecSchema.optional(),
  /** Published whole-system totals; when absent they are chipsPerSystem x the chip's value. */
  totalBf16DenseTflops: positiveSpecSchema.optional(),
  totalHbmCapacityGB: positiveSpecSchema.optional(),
  totalHbmBandwidthTBps: positiveSpecSchema.optional(),
});
export type SystemSpecs = z.infer<typeof systemSpecsSchema>;
export type SystemSpecName = keyof SystemSpecs;

export const systemSchema = z.strictObject({
  id: idSchema,
  vendor: z.string().min(1),
  name: z.string().min(1),
  status: statusSchema,
  chipId: idSchema,
  specs: systemSpecsSchema,
  availableFrom: availabilitySchema.optional(),
  notApplicable: z.array(notApplicableSchema(systemSpecsSchema.keyof())).optional(),
  notes: z.string().optional(),
});
export type System = z.infer<typeof systemSchema>;

/** A catalog file: the built-in data modules and user files share this shape. */
export const catalogFileSchema = z.strictObject({
  chips: z.array(chipSchema).optional(),
  systems: z.array(systemSchema).optional(),
});
export type CatalogFile = z.infer<typeof catalogFileSchema>;
