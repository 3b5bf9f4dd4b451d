/** What the engine thread (engine-worker.ts) computes, and what it answers. */
import type { CompareRequest, CompareResponse } from '../core/compare/request';
import type { ServingEstimateView, ServingSearch } from '../core/infer/request';
import type { Result } from '../core/result';
import type { TrainEstimate, TrainRequest } from '../core/train/estimate';

export type EngineRequest =
  | { readonly kind: 'compare'; readonly request: CompareRequest }
  | { readonly kind: 'train-estimate'; readonly request: TrainRequest }
  | { readonly kind: 'infer-estimate'; readonly request: ServingSearch };
export type EngineReply = Result<CompareResponse | TrainEstimate | ServingEstimateView>;
