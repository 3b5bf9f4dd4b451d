/**
 * Worker thread that reads untrusted scenario documents (YAML or JSON) and checks them, so a slow or
 * hostile document costs this thread, never the HTTP thread. One document at a time; the server
 * stops the thread if one takes too long (./documents.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Catalog } from '../core/catalog/catalog';
import { readScenarioDocument } from '../core/plan/scenario-text';

const { catalog } = workerData as { catalog: Catalog };

parentPort!.on(
  'message',
  (message: { id: number; scenario: string | Record<string, unknown>; today: string }) => {
    let result: ReturnType<typeof readScenarioDocument>;
    try {
      result = readScenarioDocument(message.scenario, catalog, message.today);
    } catch (error) {
      result = {
        ok: false,
        issues: [
          {
            code: 'internal',
            path: 'scenario',
            message: `cannot read the scenario (${(error as Error).message})`,
          },
        ],
      };
    }
    parentPort!.postMessage({ id: message.id, result });
  },
);
