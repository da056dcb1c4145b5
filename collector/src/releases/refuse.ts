import { HttpError } from '../http/HttpError.ts';
import type { Store } from '../store/Store.ts';
import { appendReleaseEvent, type NewEvent } from './releaseRepository.ts';

/** Records a refused action in the audit trail (who asked, why they asked, why it was refused), then answers `status`. */
export async function refuse(
  store: Store,
  attempt: Omit<NewEvent, 'outcome' | 'details'> & { details?: Record<string, unknown> },
  status: number,
  message: string,
): Promise<never> {
  await appendReleaseEvent(store, { ...attempt, outcome: 'refused', details: { ...attempt.details, refusal: message, status } });
  throw new HttpError(status, message);
}
