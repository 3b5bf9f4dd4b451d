/**
 * Every line the core says to people (warnings, issues, plan explanations, progress steps), in
 * English, by code: the one source of the message codes. The core writes a line with
 * `say(code, params)` (./say.ts); the wire format stays that English line, so the CLI, the API and the
 * goldens are unchanged. A reader in another language gets the code and the parameters back from the
 * line (./read.ts, by these templates) and renders its own catalog's text (./zh.ts). A placeholder is
 * `{name}`; those named in NESTED_PARAMS (./read.ts) hold a whole message of their own.
 *
 * The `zod.*` and `scenario.zod-*` entries are zod's own English (zod 4), never said by the core: they
 * are here to be read back (test/web/i18n-catalog.test.ts checks that zod still words them so).
 */
export const MESSAGES_EN = {
  // ---- shared ----
  'common.subject': '{subject}: {warning}',
  'common.organisation': 'organisation: {warning}',

  // ---- request fields (contract.ts), every use case ----
  'request.positive-int': 'expected a positive integer',
  'request.at-most': 'expected at most {max}',
  'record.nul': 'holds a NUL character (U+0000), which no store can keep',
  'record.too-long': 'longer than {max} characters',
  'request.nested-too-deep': 'nested more than {max} levels deep',
  'request.positive-number': 'expected a positive number',
  'request.one-of': 'expected one of {values}',
  'request.date': 'expected a date YYYY-MM-DD',
  'request.calendar-date': 'expected a date that exists (YYYY-MM-DD)',

  // ---- zod's own wording (read back only) ----
  'zod.invalid-type': 'Invalid input: expected {expected}, received {received}',
  'zod.invalid-value': 'Invalid input: expected {value}',
  'zod.invalid-input': 'Invalid input',
  'zod.invalid-option': 'Invalid option: expected one of {values}',
  'zod.invalid-discriminator': 'Invalid discriminator value. Expected {values}',
  'zod.too-big-number': 'Too big: expected number to be {bound}',
  'zod.too-small-number': 'Too small: expected number to be {bound}',
  'zod.too-big-string': 'Too big: expected string to have {bound} characters',
  'zod.too-small-string': 'Too small: expected string to have {bound} characters',
  'zod.too-big-array': 'Too big: expected array to have {bound} items',
  'zod.too-small-array': 'Too small: expected array to have {bound} items',
  'zod.unrecognized-key': 'Unrecognized key: {keys}',
  'zod.unrecognized-keys': 'Unrecognized keys: {keys}',
  'zod.pattern': 'Invalid string: must match pattern {pattern}',

  // ---- hardware and models ----
  'hardware.unknown': "unknown hardware id '{id}'",
  'hardware.unknown-suggest': "unknown hardware id '{id}'; did you mean {ids}?",
  'hardware.system-chip': 'system {id} names chip {chip}, which is not in the catalog',
  'hardware.no-system': '{chip} has no system in the catalog: assumed an 8-device node',
  'hardware.no-scale-up': 'no scale-up bandwidth known: assumed 64 GB/s (PCIe 4 x16)',
  'hardware.no-scale-out': 'no scale-out bandwidth known: assumed 100 Gb/s per device',
  'hardware.no-power': 'system power unknown: {factor}x chip TDP per device',
  'model.unknown-preset-suggest': 'unknown model preset "{name}"; did you mean {names}?',
  'model.unknown-preset': 'unknown model preset "{name}"; known: {names}',
  'model.config-object': 'expected a JSON object (the contents of config.json)',
  'model.field-missing': 'expected a positive integer, but the field is missing',
  'model.non-negative-int': 'expected an integer >= 0',
  'model.boolean': 'expected true or false',
  'model.head-dim': 'hidden_size {hidden} is not divisible by {heads} heads and head_dim is not given',
  'model.kv-heads': '{kvHeads} key/value heads do not divide {heads} attention heads',
  'model.moe-every-layer': 'only a MoE layer every layer (1) is supported',
  'model.topk-experts': '{topK} experts per token exceed the {experts} experts of a layer',
  'model.moe-unknown-type':
    'a mixture-of-experts field in a config whose model_type ({type}) chipmix does not read as MoE; set model_type to mixtral, qwen2_moe, qwen3_moe, deepseek_v2 or deepseek_v3, or give a preset',
  'model.list': 'expected a list',
  'model.leading-dense': 'only a leading run of dense layers (0, 1, ..., k-1) is supported',

  // ---- training: request, checks, layout rules ----
  'train.token-count': 'expected a token count from 1 to 1,000,000T, such as 15T or 2e12',
  'train.zero-stage': 'expected a ZeRO stage 0, 1, 2 or 3',
  'train.model-kind': 'expected a preset name or a config.json object',
  'train.global-batch-required': 'globalBatch (sequences) or globalBatchTokens is required',
  'train.global-batch-both': 'give the global batch in sequences or in tokens, not both',
  'train.global-batch-tokens': 'globalBatchTokens={tokens} is not a multiple of seqLen={seqLen}',
  'train.devices-positive': 'devices={devices} must be a positive integer',
  'train.seq-len-positive': 'seq-len={seqLen} must be a positive integer',
  'train.global-batch-positive': 'global batch={batch} must be a positive whole number of sequences',
  'hardware.no-peak': '{chip} has no bf16/fp16 peak in the catalog',
  'train.no-fp8': 'precision=fp8 is not supported by {chip} (no fp8 peak in the catalog)',
  'hardware.no-memory': '{chip} lacks HBM capacity or bandwidth in the catalog',
  'train.no-layout-grid':
    'no layout splits {devices} devices for global batch {batch}: every tp x pp x cp x dp grid of them breaks a rule of the model or the batch (try a count with more divisors)',
  'train.no-layout':
    'no valid layout: the given fields leave nothing to search for {devices} devices and global batch {batch}',
  'layout.positive-int': '{field}={value} must be a positive integer',
  'layout.below': '{field}={value} must be below 1024',
  'layout.tp-heads': 'tp={tp} does not divide heads={heads}',
  'layout.tp-kv-heads': 'tp={tp} does not divide kv heads={kvHeads}',
  'layout.pp-layers': 'pp={pp} is larger than layers={layers}',
  'layout.vp-needs-pp': 'vp={vp} needs pp >= 2 (pp={pp})',
  'layout.vp-needs-pp3': 'vp={vp} needs pp > 2 in this framework (pp={pp})',
  'layout.vp-even':
    'vp={vp}: layers={layers} do not split evenly into pp x vp = {pp} x {vp} virtual stages in this framework',
  'layout.cuda-graph': 'a full-iteration CUDA graph needs a framework that has one; {framework} has none',
  'layout.dedup-dispatcher':
    'the dedup MoE dispatcher (DeepEP, HybridEP) needs a framework that has it; {framework} has none',
  'layout.ep-overlap-offered':
    'EP all-to-all overlap needs a mixture-of-experts model and a framework that offers it (model {model}, framework {framework})',
  'layout.ep-overlap':
    'EP all-to-all overlap needs ep > 1, vp > 1 when pp > 1 and no full or block recompute (ep={ep}, pp={pp}, vp={vp}, recompute={recompute})',
  'layout.vp-layers': 'vp={vp} x pp={pp} = {chunks} is larger than layers + 2 = {limit}',
  'layout.stages-pp': 'layersPerStage lists {count} stages but pp={pp}',
  'layout.stages-layers': 'layersPerStage adds up to {sum} layers but the model has {layers}',
  'layout.stages-schedule': 'layersPerStage needs plain 1F1B (vp=1, no DualPipe)',
  'layout.cp-seq': 'cp={cp} does not divide seq-len={seqLen}',
  'layout.devices-grid': 'devices={devices} is not divisible by tp x pp x cp = {tp} x {pp} x {cp} = {grid}',
  'layout.dp-grid': 'dp={dp} x tp={tp} x pp={pp} x cp={cp} = {product} differs from devices={devices}',
  'layout.devices-dp-grid': 'devices={devices} is not divisible by dp x tp x pp x cp = {product}',
  'layout.ep-dense': 'ep={ep} needs a mixture-of-experts model; {model} is dense',
  'layout.ep-experts': 'ep={ep} does not divide experts={experts}',
  'layout.etp-dense': 'etp={etp} needs a mixture-of-experts model',
  'layout.moe-switch-dense': '{field}={value} applies to mixture-of-experts models; {model} is dense',
  'layout.batch-dp-mbs': 'global batch={batch} is not divisible by dp x mbs = {dp} x {mbs} = {product}',
  'layout.ep-etp-grid': 'ep={ep} x etp={etp} does not divide dp x cp x tp = {product}',
  'layout.mbs-batch': 'mbs={mbs} does not divide the global batch of {batch} sequences',
  'layout.dualpipe-pp': 'dualpipe needs an even pp >= 2 and vp=1 (pp={pp}, vp={vp})',
  'layout.dualpipe-micro-batches':
    'dualpipe needs an even number of micro-batches; global batch / (dp x mbs) = {microBatches}',
  'layout.vp-micro-batches':
    'vp={vp} needs at least pp={pp} micro-batches; global batch / (dp x mbs) = {microBatches}',

  // ---- training: estimate warnings ----
  'train.no-layout-fits': 'no layout of {evaluated} evaluated fits in {capacity} GB per device',
  'train.uncalibrated':
    'no published training runs for family {family}: predicted from its specs and the {basis} (wider error band)',
  'train.no-fit':
    'does not fit: needs {need} GB per device (its runtime reserve included), over the {usable} GB usable of the {capacity} GB of {chip}',
  'train.no-fit-die':
    'does not fit: needs {need} GB per die (its runtime reserve included), over the {usable} GB usable of the {capacity} GB of a {chip} die',
  'train.per-die':
    'a {chip} package is {dies} NPUs (dies) to its software, each with {capacity} GB: the layout counts {ranks} dies on {devices} devices; memory is per die, tokens/s and TFLOP/s per device',
  'train.counting-dies': ' ({devices} devices = {ranks} dies; the layout counts dies)',
  'train.uneven-pp': 'layers={layers} do not split evenly over pp={pp}: the slowest stage has {slowest}',
  'train.no-zero': '{framework} has no ZeRO-{stage}; modelled as asked',
  'train.no-zero-sharded':
    '{framework} has no ZeRO-{stage}; modelled with its usual semantics (gradients reduce-scattered at every micro-batch)',
  'train.no-vp': '{framework} has no interleaved pipeline (virtual stages); vp={vp} modelled as asked',
  'train.no-recompute': '{framework} has no {recompute} recompute (it offers {offered}); modelled as asked',
  'train.no-cp': '{framework} has no context parallelism; cp={cp} modelled as asked',
  'train.no-dualpipe': "{framework} has no DualPipe (DeepSeek's schedule); modelled as asked",
  'train.not-dualpipe': '{framework} pipelines with DualPipe; 1F1B modelled as asked',
  'train.deepspeed-pipe':
    'DeepSpeed refuses ZeRO-2 and ZeRO-3 with pipeline parallelism (deepspeed/runtime/pipe/engine.py)',
  'train.no-flash': '{framework} has no flash attention; modelled as asked',
  'train.high-mfu': 'MFU {mfu}% is above what published runs reach',
  'train.beyond-runs':
    'MFU {mfu}% is above the best of the {runs} {family} runs the engine is calibrated on ({max}%): an extrapolation, likely optimistic',
  // where an uncalibrated family's prediction comes from (the {basis} above)
  'prior.fitted': '{stack} prior fitted on {families}',
  'prior.cuda': 'sourced CUDA prior (MAMF matmul, nccl busbw)',
  'prior.cann': "sourced CANN prior (Huawei's 910B-vs-A100 training claim, HCCS topology)",
  'prior.rocm': 'sourced ROCm prior (MAMF MI300X/MI325X matmul, RCCL busbw)',
  'prior.dtk': 'analogy prior for DTK (ROCm-derived stack, no public benchmark)',
  'prior.xla': 'sourced XLA prior (MaxText and PaLM MFU, compiled steps)',
  'prior.synapse': 'sourced SynapseAI prior (MAMF Gaudi matmul, graph mode)',
  'prior.maca': 'sourced MACA prior (FlagPerf C550 GEMM)',
  'prior.musa': 'analogy prior for MUSA (young CUDA-like stack, vendor claims only)',
  'prior.neuware': 'analogy prior for Neuware (no public Cambricon kernel benchmark)',
  'prior.xpu': 'analogy prior for XPU (no public Kunlunxin kernel benchmark)',
  'prior.generic': 'generic young-stack prior',

  // ---- serving estimate ----
  'infer.uncalibrated':
    'no published serving runs calibrate family {family}: kernel priors without a family fit, wide error band',
  'infer.no-mtp': '{engine} does not run MTP/speculative decoding',
  'infer.no-dp-attention': '{engine} does not run DP-attention with expert parallelism',
  'infer.no-peak': '{chip} has no {asked} peak: {part} GEMMs costed at its {used} peak',
  'infer.no-kv':
    'weights need {weights} GB per device and {engine} leaves no KV cache in {capacity} GB: use more devices, a larger TP/EP or a smaller precision',
  'infer.no-kv-die':
    "weights need {weights} GB per die and {engine} leaves no KV cache in a die's {capacity} GB: use more devices, a larger TP/EP or a smaller precision",
  'infer.starved':
    "batch {batch} per device cannot be kept fed: {engine}'s step budget leaves {room} tokens per device for prompts, {needed} are needed; whole requests finish only as fast as their prompts get in",
  'infer.kv-budget':
    "batch {batch} per device exceeds the {sequences} sequences of {tokens} tokens that fit in {engine}'s KV budget",
  'infer.engine-cap':
    "batch {batch} per device is above {engine}'s default cap of {cap} sequences per instance",
  'infer.no-sequence': 'not even one sequence fits in memory: no decode batch possible',
  'infer.tpot-unreachable': 'TPOT target {target} ms cannot be met even at batch 1 (TPOT {tpot} ms)',
  'infer.tpot-missed': 'TPOT {tpot} ms misses the {target} ms target at batch {batch}',
  'infer.prefill-pool-tp': "TP {tp} does not divide the prefill pool's {devices} devices",
  'infer.prefill-pool-memory':
    "the prefill pool's {devices} devices cannot hold the model: {weights} GB of weights and runtime per device, capacity {capacity} GB",
  'infer.context-window':
    "prompt + output ({tokens} tokens) exceed the model's {window}-token context window (max_position_embeddings): serving it needs a longer-context variant or RoPE scaling",
  'infer.experts-dense': '{model} is dense: the expert precision ({precision}) applies to nothing',
  'infer.draft-assumed':
    '{model} has no MTP layers: each draft token is charged as one more decoder layer (an EAGLE-style one-layer draft head)',
  'infer.kv-fp8-cann':
    '{hardware} has no FP8 type: Ascend engines (vLLM-Ascend, MindIE) keep an 8-bit KV cache as int8; use int8',
  'infer.ttft-missed': 'TTFT {ttft} ms misses the {target} ms target',

  // ---- compare ----
  'compare.expected-positive-int': 'expected {what} (a positive integer)',
  'compare.expected-positive': 'expected {what} (a positive number)',
  'compare.hardware-list': 'expected 1 to {max} catalog ids, comma-separated or as a list',
  'compare.hardware-twice': 'expected each hardware id once: {id} is given twice',
  'compare.hardware-once': 'expected each hardware id once',
  'compare.no-count': 'no device count to try',
  'compare.no-fit': 'no layout fits in {capacity} GB per device',
  'compare.no-power': '{system}: no all-in power in the catalog, per-kW left out',
  'compare.no-price': '{system}: no price in the catalog, per-$M left out',
  'hardware.rumour-peak':
    'the {chip} peak is rumour-grade (see chipmix catalog show {chip}): every rate here scales with it, beyond the error band',
  'compare.equal-power-unknown': 'equal power needs the all-in power of {system}, which the catalog lacks',
  'compare.equal-capex-unknown': 'equal capex needs the price of {system}, which the catalog lacks',
  'compare.unsized-power': 'no all-in power in the catalog to size it at equal power',
  'compare.unsized-capex': 'no price in the catalog to size it at equal capex',
  'compare.no-estimate': 'no estimate',
  'compare.reference': 'the reference {system} has no estimate on {devices} devices: {reason}',

  // ---- fleet plan: scenario checks ----
  'scenario.required-field': 'required field missing (expected {expected})',
  'scenario.unknown-field': 'unknown field {keys}',
  'plan.scenario-kind': 'expected the scenario as YAML/JSON text (at most 200,000 characters) or an object',
  'scenario.id': 'expected an id of letters, digits, dots, dashes, underscores',
  'scenario.expected': 'expected {what}',
  'scenario.expected-positive': 'expected {what} (greater than 0)',
  'scenario.expected-non-negative': 'expected {what} (0 or more)',
  'scenario.expected-whole': 'expected {what} (a whole number)',
  'scenario.expected-one-or-more': 'expected {what} (1 or more)',
  'scenario.expected-count': 'expected {what} (0 or more, not negative)',
  'scenario.expected-at-most': 'expected {what} of at most {max}',
  'scenario.model': 'expected a model preset name or a Hugging Face config object',
  'scenario.pue': 'expected a PUE',
  'scenario.pair': 'expected a pair of hardware ids [a, b]',
  'scenario.kind': 'expected kind: training or kind: serving',
  'scenario.period': 'expected a year (2026) or a date YYYY-MM-DD',
  'scenario.probability': 'expected a probability',
  'scenario.open-probability': 'expected a probability greater than 0 and less than 1',
  'scenario.fraction-0.9': 'expected a fraction 0..0.9',
  'scenario.fraction-1': 'expected a fraction in (0, 1]',
  'scenario.rate': 'expected a rate 0..1',
  'scenario.acceptance': 'expected an acceptance rate 0..1',
  'scenario.percent': 'expected a percent 0..100',
  'scenario.pue-min': 'expected a PUE of 1 or more',
  'scenario.pue-max': 'expected a PUE of at most {max}',
  'scenario.no-hardware': 'expected at least one hardware option',
  'scenario.no-site': 'expected at least one site',
  'scenario.no-workload': 'expected at least one workload',
  // what a scenario number is (the {what} above)
  'field.tpot-target': 'a TPOT target in ms',
  'field.ttft-target': 'a TTFT target in ms',
  'field.budget': 'a budget in USD',
  'field.deadline': 'a deadline in days',
  'field.device-count': 'a device count',
  'field.global-batch': 'a global batch in sequences',
  'field.years': 'a number of years',
  'field.power-cap': 'a power cap in MW',
  'field.power': 'a power in W',
  'field.price': 'a price in USD',
  'field.electricity-price': 'a price in USD per kWh',
  'field.seq-len': 'a sequence length',
  'field.token-count': 'a token count',
  'field.days': 'days',
  'field.unit-devices': 'devices per purchase unit',
  'field.draft-tokens': 'draft tokens per step',
  'field.output-tokens': 'generated tokens per request',
  'field.output-rate': 'output tokens per second',
  'field.prompt-tokens': 'prompt tokens per request',
  'field.request-rate': 'requests per second',
  'field.seconds': 'seconds',
  'scenario.token-count': 'expected a token count such as 14.8T (at most 1e18), got "{value}"',
  'scenario.min-max-devices': 'minDevices must not exceed maxDevices',
  'scenario.deadline-after-start': 'deadline must be after start',
  'scenario.serving-demand': 'give exactly one of outputTokensPerSecond and requestsPerSecond',
  'scenario.throughput-budget': 'objective maxThroughput needs budgetUsd',
  'scenario.roadmap-min-cost': 'a roadmap plan (periods) minimises cost: use objective minCost',
  'scenario.periods-order': 'expected periods in increasing order',
  'scenario.too-slow': 'the scenario took longer than {seconds} s to read; simplify it',
  'scenario.not-yaml': 'not valid YAML or JSON ({cause})',
  'catalog.not-mapping': 'a catalog file must be a mapping (chips:, systems:, ...), got {kind}',
  'scenario.not-mapping':
    'the scenario must be a mapping of fields (name, hardware, workloads, ...), got {kind}',
  'plan.scenario-size': 'the scenario is longer than 200,000 characters',
  'scenario.nested-too-deep': 'nested too deep',
  'scenario.duplicate-key': 'duplicate key "{key}"',
  'scenario.duplicate-key-at': 'duplicate key "{key}" at line {line}',
  'scenario.duplicate-hardware': 'duplicate hardware id "{id}"',
  'scenario.duplicate-site': 'duplicate site id "{id}"',
  'scenario.duplicate-workload': 'duplicate workload id "{id}"',
  'scenario.duplicate-rule': 'duplicate rule id "{id}"',
  'scenario.unknown-id': 'unknown catalog id "{id}"',
  'scenario.unknown-id-suggest': 'unknown catalog id "{id}" (did you mean {ids}?)',
  'scenario.no-price': 'the catalog has no price for {id}; give priceUsdPerDevice (or available: false)',
  'scenario.no-power': 'the catalog has no power for {id}; give powerWPerDevice',
  'scenario.installed-no-power':
    'the catalog has no power for {id}; list it under hardware with powerWPerDevice',
  'scenario.installed-twice': '{id} is listed twice at site {site}',
  'scenario.invalid-model': 'invalid model',
  'scenario.not-an-option': '"{id}" is not among the scenario\'s hardware or installed ids',
  'scenario.not-an-option-suggest':
    '"{id}" is not among the scenario\'s hardware or installed ids (did you mean {ids}?)',
  'scenario.unknown-site': 'unknown site "{site}"',
  'scenario.unknown-site-suggest': 'unknown site "{site}" (did you mean {ids}?)',
  'scenario.min-devices': 'minDevices {minDevices} exceeds candidates.maxDevices {maxDevices}',
  'scenario.pair-same': 'a pair needs two different hardware ids',
  'scenario.impossible-share': 'no share can be {comparator} {threshold}% (use >= 1 for all domestic)',
  'scenario.contradiction':
    'contradicts rule {rule}: a domestic share by {metric} cannot be {comparatorA} {thresholdA}% and {comparatorB} {thresholdB}% at site {site}',
  'plan.sweep-text': 'expected FROM:TO:STEP in percent (example: 0:100:10)',
  'plan.sweep-range': 'expected 0 <= FROM <= TO <= 100',
  'plan.sweep-step': 'expected a step above 0',
  'plan.sweep-steps': 'at most {max} steps',

  // ---- fleet plan: warnings, notes, progress ----
  'plan.no-policy': 'no policy given: the default rule applies ({description})',
  'plan.rule-no-period': 'rule {rule} is in force in no period of the plan: ignored',
  'plan.rule-not-in-force': 'rule {rule} is not in force on {date} (from {from}): ignored',
  'plan.rule-not-in-force-until':
    'rule {rule} is not in force on {date} (from {from} until {until}): ignored',
  'plan.rule-not-binding': 'rule {rule} does not bind site {site}: {detail}',
  'plan.rule-binds-none': 'rule {rule} binds no site of the scenario',
  'plan.rule-unmeasurable':
    'rule {rule} measures {metric}, unknown for {ids}: not allowed where the rule binds',
  'plan.serving-none':
    '{workload} on {hardware}: no instance up to {devices} devices meets memory and targets',
  'plan.serving-none-because':
    '{workload} on {hardware}: no instance up to {devices} devices meets memory and targets ({reason})',
  'plan.training-none': '{workload} on {hardware}: no layout at {range} devices',
  'plan.training-none-any': '{workload} on {hardware}: no layout at any devices',
  'plan.training-none-any-because': '{workload} on {hardware}: no layout at any devices ({reason})',
  'plan.training-none-because': '{workload} on {hardware}: no layout at {range} devices ({reason})',
  'plan.two-pool-deadline':
    '{workload}: two-pool jobs need a deadline under minCost (the smallest single pool is cheapest)',
  'plan.two-pool-none': '{workload}: no useful two-pool candidate on {a} + {b}',
  'plan.engine-failed': 'inference engine failed: {cause}',
  'plan.does-not-fit': 'does not fit in {capacity} GB per device',
  'plan.evidence-uncalibrated':
    'no published training runs for family {family}; its speed is predicted from its specs and the {stack} stack prior (wide error band)',
  'plan.evidence-rumour': 'the {chip} bf16 peak is rumour-grade (see chipmix catalog show {chip})',
  'plan.note-uncalibrated': '{family} is not calibrated on published runs (wider error band)',
  'plan.note-two-pool':
    'two-pool data parallel: step {seconds} s = max({stepA}, {stepB}) + {sync} s cross-pool gradient sync; balance {balance}%',
  'plan.step-candidates': 'candidates: {step}',
  'plan.step-workload': '{workload} on {hardware}',
  'plan.step-solve': 'solve: {status}',
  'plan.step-sweep': 'sweep: {threshold}%',

  // ---- fleet plan: the price-of-the-rule chart (chart.ts) ----
  'chart.sweep-title': '{scenario}: price of the rule',
  'chart.sweep-threshold': 'domestic-share threshold',
  'chart.sweep-cost': 'total cost (USD M)',
  'chart.sweep-days': 'completion (days)',
  'chart.sweep-infeasible': 'x = no feasible plan',

  // ---- fleet plan: infeasible scenarios and binding constraints ----
  'plan.group-power': 'power cap of site {site} ({mw} MW)',
  'plan.group-availability': 'availability cap of {hardware} ({devices} devices)',
  'plan.group-rule': 'rule {rule} at {scope} (domestic share by {metric} {comparator} {threshold})',
  'plan.group-deny': 'deny list of rule {rule} at {scope} ({ids})',
  'plan.group-deadline': 'deadline of {workload} ({days} days)',
  'plan.group-demand': 'serving demand of {workload} ({demand} output tokens/s)',
  'plan.group-budget': 'budget ({usd})',
  'plan.conflict-workload':
    '{workload} has no hardware option it can run on at any allowed site (see warnings)',
  'plan.conflict-structure':
    'infeasible even without caps, rules, deadlines, demand and budget: a workload can only run on hardware that cannot be bought and is not installed in sufficient numbers',
  'plan.relax-not-alone': 'relaxing the {constraint} alone is not enough',
  'plan.relax-rule': '{constraint}: feasible with a threshold of {to} instead of {from}',
  'plan.relax-deny': '{constraint}: feasible if that hardware were allowed',
  'plan.relax-power': '{constraint}: feasible with {mw} MW',
  'plan.relax-availability': '{constraint}: feasible with {devices} devices',
  'plan.relax-deadline': '{constraint}: feasible with {days} days',
  'plan.relax-demand': '{constraint}: at most {demand} output tokens/s can be served',
  'plan.relax-budget': '{constraint}: feasible with {usd}',
  'plan.binding-power': '{used} of {cap} MW used',
  'plan.binding-availability': '{bought} of at most {max} devices bought',
  'plan.binding-rule': 'domestic share {share} by {metric} against {comparator} {threshold}',
  'plan.binding-rule-dearer': 'forces a dearer fleet',
  'plan.binding-rule-deny': '{detail}; priced with its deny list',
  'plan.binding-deadline': 'ends day {day} of {deadline}; fewer devices would be late',
  'plan.binding-demand': '{served} of {demand} output tokens/s needed',
  'plan.binding-budget': '{spent} of {budget} spent',

  // ---- domestic-share rules and compliance ----
  // policy/schema.ts writes these itself (the file is being moved on another branch): read back only
  'policy.country': 'expected a two-letter country code',
  'policy.id': 'expected an id of letters, digits, dots, dashes',
  'policy.fraction': 'expected a fraction between 0 and 1',
  'policy.fraction-hint': 'expected a fraction between 0 and 1 (write 50% as 0.5)',
  'policy.until-after-from': 'effectiveUntil must be after effectiveFrom',
  'policy.effective-from-required': 'required field missing: the date the rule takes effect (YYYY-MM-DD)',
  'policy.no-rule': 'expected at least one rule',
  'policy.rule-id-twice': 'rule id {id} given twice in this policy (also rules[{first}])',
  'policy.deny-unknown':
    '{path}: {value} is neither a catalog hardware id nor a vendor; it denies nothing{hint}',
  'policy.vendor-unknown':
    '{path}: {value} is no vendor of the catalog ({vendors}); it makes nothing domestic',
  'policy.hardware-unknown': '{path}: {value} is not a catalog hardware id; it makes nothing domestic{hint}',
  'policy.site-unknown': '{path}: {value} is not a site of the inventory; the rule binds no site by it',
  'policy.region-unknown':
    '{path}: no site of the inventory is in region {value}; the rule binds no site by it',
  'policy.did-you-mean': ' (did you mean {ids}?)',
  'policy.default-rule':
    'Domestic accelerators are more than half of the packages at every site (default rule)',
  'policy.swept-rule': 'swept domestic count share',
  'policy.from': 'in force from {date}',
  'policy.until': 'in force until {date}',
  'policy.state-funded-only': 'applies to state-funded sites only',
  'policy.sites-only': 'applies to sites {sites}',
  'policy.regions-only': 'applies to regions {regions}',
  'policy.grandfathered': 'project {completion}% complete >= {threshold}% (exempt)',
  'policy.binds-no-site': 'binds none of the sites',
  'policy.no-hardware': 'no hardware counts here on this date (no foreign chips; nothing to measure)',
  'policy.unknown-ids': 'unknown hardware ids (not in the catalog): {ids}',
  'policy.share-unknown': '{metric} share unknown: no {spec} for {ids}',
  'csv.nul': 'contains a NUL byte: not a text CSV file (corrupted?)',
  'csv.unterminated-quote': 'a quoted field is never closed (file truncated or corrupted?)',
  'csv.text-after-quote': 'text after a closing quote; quote the whole field',
  'csv.quote-inside': 'a quote inside an unquoted field; quote the whole field',
  'inventory.serials-quantity': 'the number of serials must equal quantity',
  'inventory.decommission-after-install': 'decommissionDate must be after installDate',
  'inventory.retired-needs-date': 'a retired record needs a decommissionDate',
  'import.lone-surrogate':
    'contains a lone UTF-16 surrogate (an escape such as \\ud800 with no pair): not Unicode text',
  'import.unknown-hardware': 'unknown hardware id "{id}"',
  'import.unknown-hardware-suggest': 'unknown hardware id "{id}"; did you mean {ids}?',
  'import.unsupported-format':
    '.{extension} is not an inventory format: use a CSV file (.csv), a NetBox JSON bundle or a chipmix JSON snapshot',
  'import.empty': 'the file is empty: expected a header row',
  'import.unknown-column': 'unknown column; expected {columns}',
  'import.column-twice': 'column given twice',
  'import.column-missing': 'required column missing',
  'import.field-count':
    'expected {expected} fields as in the header, got {got} (truncated or misquoted row?)',
  'import.site-name': 'expected a site name',
  'import.record': '{quantity} x {hardware} at {site}, {status}, {from} to {to}',
  'import.site-name-long': 'site name longer than 200 characters',
  'import.catalog-id': 'expected a catalog id',
  'import.empty-serial': 'empty serial number in the list (separate serials with ;)',
  'import.serial-repeated': 'serial {serial} of {hardware} also on line {line}',
  'import.serial-repeated-row': 'serial {serial} of {hardware} given twice on this row',
  'import.serial-stored': 'serial {serial} of {hardware} is already on stored record {record} at {site}',
  'import.serial-in-file': 'serial {serial} of {hardware} is also on {row}',
  'import.quantity': 'expected a whole number 1..{max}, got "{value}"',
  'import.serials-count': '{serials} serial numbers for quantity {quantity}',
  'import.quantity-missing': 'expected a whole number >= 1 (or serial numbers)',
  'import.status': 'expected one of {values}, got "{value}"',
  'import.date': 'expected a date YYYY-MM-DD, got "{value}"',
  'import.decommission-order': 'decommission_date {decommission} is not after install_date {install}',
  'import.retired-needs-date': 'a retired row needs a decommission_date (when it left)',
  'import.record-id': 'expected a record id of letters, digits, _ . : - (as listed), got "{value}"',
  'import.record-repeated': 'record {id} also on line {line}',
  'import.too-many': 'stopped after {max} problems',
  'import.invalid-json': 'not valid JSON (truncated or corrupted?): {cause}',
  'import.id-twice': 'id {id} given twice',
  'import.site-twice': 'site {site} given twice (also sites[{first}])',
  'import.policy-twice': 'policy {id} version {version} repeated (also policies[{first}])',
  'import.policy-id-mismatch': 'expected the id of its policy version, {id}',
  'import.site-not-listed': 'site {site} is not in sites',
  'import.order-not-listed': 'purchase order {id} is not in purchaseOrders',
  'netbox.bundle': 'expected an object with sites, devices, modules, inventory_items',
  'netbox.list': 'expected an array or a NetBox list response',
  'netbox.object': 'expected an object',
  'netbox.device-site': 'expected the device site (a nested site object)',
  'netbox.quantity': 'expected a whole number 1..{max} with accelerator_model',
  'netbox.unknown-device': 'device {id} is not in devices',
  'netbox.status': 'unknown NetBox status "{status}"; expected one of {values}',
  'netbox.decommission-order': 'decommission_date is not after install_date',
  'netbox.unknown-model': 'no catalog entry for model "{model}" (add it to "aliases")',
  'netbox.unknown-model-suggest':
    'no catalog entry for model "{model}"; did you mean {ids}? (add it to "aliases")',
  'import.refused': '{file}: import refused, {count} problem(s); nothing was written',
  'import.site-rule-facts':
    'the file changes {field} of site {site} ({from} to {to}): compliance rules select sites by it, so changing it needs the admin role; nothing was written',
  'import.policy-needs-admin':
    'the file adds policy {id} version {version}: changing compliance rules needs the admin role; nothing was written',
  'import.new-site-rule-facts':
    'the file creates site {site} with {field} set: compliance rules select sites by it, so that needs the admin role; nothing was written',
  'import.move-rule-facts':
    'the file moves record {record} from site {from} to site {to}, which differ in {field}: compliance rules select sites by it, so that needs the admin role; nothing was written',
  'undo.new-site-rule-facts':
    'undoing batch {batch} would create site {site} again with {field} set: compliance rules select sites by it, so that needs the admin role; nothing was written',
  'undo.move-rule-facts':
    'undoing batch {batch} would move record {record} from site {from} to site {to}, which differ in {field}: compliance rules select sites by it, so that needs the admin role; nothing was written',
  'import.repeated-rows':
    '{rows} rows repeat another row of the file exactly; each is imported (give serials or notes to tell deliveries apart)',
  'import.no-accelerators': 'no accelerators found in the bundle',
  'server.jobs-busy': 'too many jobs running (two at once, one per user); retry when one finishes',
  'server.engine-busy-user':
    'you already have {max} comparisons or estimates waiting or running; retry when one finishes',
  'server.engine-busy':
    'the server has {max} comparisons or estimates waiting or running; retry in a few seconds',
  'server.engine-timeout':
    'the computation took longer than {seconds} s and was stopped: ask for fewer systems or devices, or give more of the layout',
  'server.job-time-limit': 'the job ran longer than the server allows ({minutes} min) and was stopped',
  'compliance.no-site-record': 'site {site} has hardware but no site record; treated as not state-funded',
} as const;

export type MessageCode = keyof typeof MESSAGES_EN;
